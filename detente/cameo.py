"""The CAMEO event-code table: name, Goldstein score, quad class and PLOVER type of every code."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from .errors import DictionaryError

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover: str | None


class CameoTable:
    """Look up CAMEO codes. Codes absent from the table fall back to their parent code."""

    def __init__(self, codes: dict[str, CameoCode]) -> None:
        self.codes = codes

    @classmethod
    def load(cls, path: Path | None = None) -> CameoTable:
        source = path or Path(__file__).parent / "data" / "cameo.csv"
        codes: dict[str, CameoCode] = {}
        with open(source, encoding="utf-8", newline="") as f:
            for line, row in enumerate(csv.DictReader(f), start=2):
                try:
                    codes[row["code"]] = CameoCode(row["code"], row["name"], float(row["goldstein"]),
                                                   int(row["quad_class"]), row["plover"] or None)
                except (KeyError, ValueError, TypeError) as e:
                    raise DictionaryError(f"{source} line {line}: bad CAMEO row ({e})") from e
        table = cls(codes)
        table._inherit_plover()
        return table

    def _inherit_plover(self) -> None:
        for code, entry in list(self.codes.items()):
            parent = self.parent(code)
            if entry.plover is None and parent is not None and parent.plover:
                self.codes[code] = CameoCode(code, entry.name, entry.goldstein, entry.quad_class, parent.plover)

    def parent(self, code: str) -> CameoCode | None:
        while len(code) > 2:
            code = code[:-1] if len(code) > 3 else code[:2]
            if code in self.codes:
                return self.codes[code]
        return None

    def get(self, code: str) -> CameoCode | None:
        return self.codes.get(code) or self.parent(code)

    def __contains__(self, code: object) -> bool:
        return code in self.codes
