"""Corroboration: the reports (event mentions) of one real-world event grouped into a cluster.

Every coded event stays a mention with its provenance; clustering only sets ``events.cluster`` and
keeps one row per cluster in the ``clusters`` table (dyad, representative code, best date, how many
mentions, documents and outlets report it, first and last report). The rule, in short (the full
text is ``docs/coding.md`` section 9; every threshold is a field of :class:`ClusterSettings`):

* only asserted mentions are clustered; every other mention has ``cluster`` NULL;
* two mentions can report one event when they have the same dyad (either order when a code is
  symmetric), compatible codes (same root, or one family such as 03/05/06/07), overlapping date
  intervals, no conflicting quantity and, when both have keywords, a shared keyword;
* a mention whose date is vague (none in the text, or a range over a year) also needs a detail to
  agree: the same quantity or a shared keyword;
* mentions from one document are different events, unless they come from the same words;
* clusters grow greedily, best-supported pair first, and only while all their mentions can still be
  one event (their intervals share a day, quantities agree, no document twice).

The work is blocked by dyad and code family in DuckDB; within a block candidate pairs come from
time-ordered sweeps over shared keywords, quantities and dates, never from all pairs.
``cluster_events(store)`` clusters everything; ``update_clusters(store, doc_ids)`` re-clusters only
the blocks and periods that new documents touch, keeping cluster ids where the membership allows.

The package, in the order the work flows: ``settings`` (:class:`ClusterSettings`, :class:`ClusterReport`),
``features`` (one mention's dyad actors, date interval and keywords), ``matching`` (pure-Python
clustering within one block, and cluster ids), ``database`` (the ``clusters`` and ``cluster_mentions``
tables, and ``clusters(store)``), ``runs`` (``cluster_events`` and ``update_clusters``) and
``explain`` (``explain_cluster``). This module re-exports their public names.
"""
from __future__ import annotations

from .database import PART_SIZE, clusters, m002_clusters
from .explain import explain_cluster
from .features import FIRST_DAY, LAST_DAY, actor_key, actor_names, date_interval, keywords, name_words
from .matching import cluster_id, cluster_units
from .runs import FULL_SHARE, cluster_events, update_clusters
from .settings import SETTINGS_HELP, STOPWORDS, ClusterReport, ClusterSettings

__all__ = [
    "ClusterReport",
    "ClusterSettings",
    "FIRST_DAY",
    "FULL_SHARE",
    "LAST_DAY",
    "PART_SIZE",
    "SETTINGS_HELP",
    "STOPWORDS",
    "actor_key",
    "actor_names",
    "cluster_events",
    "cluster_id",
    "cluster_units",
    "clusters",
    "date_interval",
    "explain_cluster",
    "keywords",
    "m002_clusters",
    "name_words",
    "update_clusters",
]
