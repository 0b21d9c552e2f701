"""A first look at each dyad: event counts, cooperation and conflict, mean Goldstein score."""
from __future__ import annotations

from typing import Any

from .store import Store


def dyad_summary(store: Store, *, min_events: int = 1) -> list[dict[str, Any]]:
    """One row per undirected dyad of states (first three letters of each code), busiest first."""
    return store.query("""
        WITH e AS (
            SELECT least(left(source, 3), left(target, 3)) || '-' || greatest(left(source, 3), left(target, 3)) AS dyad,
                   factuality, quad_class, goldstein, date
            FROM events)
        SELECT dyad, count(*) AS events,
               count(*) FILTER (WHERE factuality = 'asserted') AS asserted,
               count(*) FILTER (WHERE factuality = 'asserted' AND quad_class <= 2) AS cooperative,
               count(*) FILTER (WHERE factuality = 'asserted' AND quad_class >= 3) AS conflictual,
               avg(goldstein) FILTER (WHERE factuality = 'asserted') AS goldstein_mean,
               min(date) AS first, max(date) AS last
        FROM e GROUP BY dyad HAVING count(*) >= ? ORDER BY events DESC, dyad""", [min_events])
