"""The package's public surface: __all__ is sorted, complete and importable."""
from __future__ import annotations

import detente


def test_all_is_sorted_and_importable() -> None:
    assert detente.__all__ == sorted(detente.__all__)
    for name in detente.__all__:
        assert getattr(detente, name) is not None


def test_every_public_name_is_exported() -> None:
    public = {n for n in vars(detente) if not n.startswith("_") and n[0].isupper()}
    modules_and_dunders = {"annotations"}
    assert public - modules_and_dunders <= set(detente.__all__)
