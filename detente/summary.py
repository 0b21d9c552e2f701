"""A first look at each dyad: event counts, cooperation and conflict, mean Goldstein score."""
from __future__ import annotations

from typing import Any

from .store import Store


def dyad_summary(store: Store, *, min_events: int = 1) -> list[dict[str, Any]]:
    """One row per undirected dyad (countries by their first three letters, organisations by six), busiest first."""
    return store.query("""
        WITH a AS (
            SELECT CASE WHEN source[1:3] IN ('IGO', 'NGO') THEN source[1:6] ELSE source[1:3] END AS s,
                   CASE WHEN target[1:3] IN ('IGO', 'NGO') THEN target[1:6] ELSE target[1:3] END AS t,
                   factuality, quad_class, goldstein, date
            FROM events),
        e AS (SELECT least(s, t) || '-' || greatest(s, t) AS dyad, factuality, quad_class, goldstein, date FROM a)
        SELECT dyad, count(*) AS events,
               count(*) FILTER (WHERE factuality = 'asserted') AS asserted,
               count(*) FILTER (WHERE factuality = 'asserted' AND quad_class <= 2) AS cooperative,
               count(*) FILTER (WHERE factuality = 'asserted' AND quad_class >= 3) AS conflictual,
               avg(goldstein) FILTER (WHERE factuality = 'asserted') AS goldstein_mean,
               min(date[1:7]) AS first, max(date[1:7]) AS last
        FROM e GROUP BY dyad HAVING count(*) >= ? ORDER BY events DESC, dyad""", [min_events])
