"""Batch re-clustering of every crossing with a trained Splink model, keeping analysts' decisions.

``borderlink identity train`` and ``borderlink identity cluster`` run here; Splink itself is behind
``identity.engine``, and what Splink sees of a crossing is in ``identity.features``. Crossings with
identical compared values (one traveller crossing again on the same document) are scored once, as
one *profile*; an identical pair's score comes from the model's weights.

Re-clustering writes a new automatic decision for every crossing whose current decision is automatic,
superseding the old ones in bulk, and never touches a crossing whose current decision is an analyst's
(confirm, split, merge). Clusters that hold an analyst's crossing or a "not the same person" pair are
re-clustered greedily, strongest pair first, never joining two persons an analyst fixed and never
putting a :class:`DistinctPair` together; crossings an analyst merged stay together.
"""

from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import combinations
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction

from borderlink.crossings.models import Crossing
from borderlink.identity.compare import Traveller, normalise_document_number
from borderlink.identity.engine import Edge, Session, TrainedModel
from borderlink.identity.features import TRAVELLER_PROFILE, NameColumns, identical_levels, traveller_columns
from borderlink.identity.linking import REVIEW_FROM, TRAVELLER_FIELDS, forget_state
from borderlink.identity.models import DistinctPair, LinkDecision, Person

#: The decision threshold of batch clustering (match probability), as the real-time model's.
DEFAULT_THRESHOLD = 0.9


def _probability(weight: float) -> float:
    return 1 / (1 + 2.0**-weight) if weight >= 0 else 2.0**weight / (1 + 2.0**weight)


# --- where models live ----------------------------------------------------------------------------------


def models_dir() -> Path:
    """``<DATA_DIR>/models``: the node's trained models, one JSON file per version."""
    return Path(settings.DATA_DIR) / "models"


def save_model(model: TrainedModel) -> Path:
    """Save ``model`` under :func:`models_dir` and make it the current one; return its path."""
    path = model.save(models_dir())
    (models_dir() / "identity-current.txt").write_text(path.name + "\n", encoding="utf-8")
    return path


def current_model() -> TrainedModel | None:
    """The model ``borderlink identity train`` saved last, or None when none was trained."""
    pointer = models_dir() / "identity-current.txt"
    if not pointer.exists():
        return None
    return TrainedModel.load(models_dir() / pointer.read_text(encoding="utf-8").strip())


# --- reading the crossings ------------------------------------------------------------------------------


@dataclass
class Snapshot:
    """Every crossing as Splink sees it, grouped into profiles, with the current decisions."""

    crossing_ids: list[int] = field(default_factory=list)
    profiles: list[Traveller] = field(default_factory=list)
    members: list[list[int]] = field(default_factory=list)
    profile_of: dict[int, int] = field(default_factory=dict)
    #: crossing -> (decision id, person id, kind) of its current decision.
    decisions: dict[int, tuple[int, int, str]] = field(default_factory=dict)
    distinct: set[frozenset[int]] = field(default_factory=set)
    documents: dict[int, tuple[str, str]] = field(default_factory=dict)


def snapshot() -> Snapshot:
    """Read every crossing (oldest first), its profile and its current decision."""
    snap = Snapshot()
    index: dict[Traveller, int] = {}
    rows = Crossing.objects.order_by("crossed_at", "id").values(*TRAVELLER_FIELDS).iterator(5000)
    for values in rows:
        crossing_id = values["id"]
        traveller = Traveller.from_stored(values)
        position = index.get(traveller)
        if position is None:
            position = index[traveller] = len(snap.profiles)
            snap.profiles.append(traveller)
            snap.members.append([])
        snap.members[position].append(crossing_id)
        snap.profile_of[crossing_id] = position
        snap.crossing_ids.append(crossing_id)
        number = normalise_document_number(traveller.document_number)
        if number:
            snap.documents[crossing_id] = (number, (traveller.document_issuer or "").upper())
    current = LinkDecision.objects.filter(current=True).values_list("id", "crossing_id", "person_id", "kind")
    for decision_id, crossing_id, person_id, kind in current.iterator(5000):
        snap.decisions[crossing_id] = (decision_id, person_id, kind)
    snap.distinct = {frozenset(p) for p in DistinctPair.objects.values_list("first_id", "second_id")}
    return snap


def train_model(backend: str = "duckdb", *, max_pairs: float = 2e6, seed: int = 1, spark: Any = None) -> TrainedModel:
    """Train the crossings model on every stored crossing (one record per profile) and return it."""
    snap = snapshot()
    if len(snap.profiles) < 2:
        raise ValueError("at least two different crossings are needed to train a model")
    names = NameColumns(models_dir())
    table = traveller_columns(snap.profiles, names=names)
    names.save()
    session = Session(TRAVELLER_PROFILE, [table], backend, spark)
    try:
        model = session.train(max_pairs=max_pairs, seed=seed)
    finally:
        session.close()
    model.trained.update(crossings=len(snap.crossing_ids), profiles=len(snap.profiles))
    return model


# --- clustering under analysts' constraints -------------------------------------------------------------


class _Groups:
    """Union-find over crossings that refuses joins an analyst ruled out."""

    def __init__(self, distinct: set[frozenset[int]], fixed: Mapping[int, int]) -> None:
        self.parent: dict[int, int] = {}
        self.person: dict[int, int] = {}
        self.flagged: dict[int, set[int]] = {}
        self.forbidden: dict[int, set[int]] = {}
        for pair in distinct:
            a, b = tuple(pair)
            self.flagged.setdefault(a, {a})
            self.flagged.setdefault(b, {b})
            self.forbidden.setdefault(a, set()).add(b)
            self.forbidden.setdefault(b, set()).add(a)
        first_of: dict[int, int] = {}
        for crossing, person in fixed.items():
            # Crossings an analyst put in one person start as one group (a merge stays together).
            self.join(first_of.setdefault(person, crossing), crossing, force=True)
            self.person[self.root(crossing)] = person

    def root(self, x: int) -> int:
        """The representative of ``x``'s group."""
        parent = self.parent
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def allowed(self, a: int, b: int) -> bool:
        """Whether the groups of ``a`` and ``b`` may become one."""
        ra, rb = self.root(a), self.root(b)
        if ra == rb:
            return True
        pa_, pb_ = self.person.get(ra), self.person.get(rb)
        if pa_ is not None and pb_ is not None and pa_ != pb_:
            return False
        fa, fb = self.flagged.get(ra, set()), self.flagged.get(rb, set())
        return not (fa & self.forbidden.get(rb, set()) or fb & self.forbidden.get(ra, set()))

    def join(self, a: int, b: int, force: bool = False) -> bool:
        """Join two groups when allowed (always with ``force``); return whether they are one now."""
        ra, rb = self.root(a), self.root(b)
        if ra == rb:
            return True
        if not force and not self.allowed(a, b):
            return False
        self.parent[rb] = ra
        if rb in self.person:
            self.person.setdefault(ra, self.person.pop(rb))
        for table in (self.flagged, self.forbidden):
            if rb in table:
                table.setdefault(ra, set()).update(table.pop(rb))
        return True


@dataclass
class Best:
    """The strongest scored pair of a crossing inside its person and outside it."""

    #: probability, weight, the crossing matched, the explanation (JSON text).
    inside: tuple[float, float, int, str] | None = None
    outside: float | None = None


@dataclass
class ClusterSummary:
    """What ``borderlink identity cluster`` did."""

    model_version: str
    backend: str
    crossings: int
    profiles: int
    #: Pairs Splink scored at or above the review level (0.5), out of every blocked pair.
    scored_pairs: int
    persons: int
    written: int
    kept_manual: int
    new_persons: int
    needs_review: int
    shared_document: int
    seconds: dict[str, float]


def _explanation(model: TrainedModel, levels: Mapping[str, tuple[str, float]]) -> str:
    """The explanation of a batch link as stored (JSON): the prior, then each comparison's level and weight.

    It is written once per scored pair and shared by every crossing of the profile, as JSON text.
    """
    lines = [{"comparison": "prior", "level": "", "detail": f"lambda {model.prior:.3g} (batch model)",
              "weight": round(model.prior_weight, 2)}]  # fmt: skip
    lines += [
        {"comparison": comparison, "level": level, "detail": "", "weight": round(weight, 2)}
        for comparison, (level, weight) in levels.items()
    ]
    return json.dumps(lines)


def _self_match(model: TrainedModel, traveller: Traveller) -> tuple[float, float, dict[str, tuple[str, float]]]:
    """Probability, weight and levels of a traveller against an identical record."""
    levels = {c: (lv, model.weight(c, lv)) for c, lv in identical_levels(traveller).items()}
    weight = model.prior_weight + sum(w for _, w in levels.values())
    return _probability(weight), weight, levels


def _best_rows_sql(predictions: str, clusters: str, weights: str) -> str:
    """For each record, its strongest pair inside its cluster and outside it (two rows at most)."""
    return f"""
    with best_clusters as (select unique_id, cluster_id from {clusters}),
    best_both as (
        select p.*, p.unique_id_l as node, p.unique_id_r as other from {predictions} p
        union all
        select p.*, p.unique_id_r as node, p.unique_id_l as other from {predictions} p
    ),
    best_sided as (
        select b.*, case when c1.cluster_id = c2.cluster_id then 1 else 0 end as inside
        from best_both b
        join best_clusters c1 on c1.unique_id = b.node
        join best_clusters c2 on c2.unique_id = b.other
    ),
    best_ranked as (
        select s.*, row_number() over (partition by node, inside order by match_weight desc, other) as rank_
        from best_sided s
    )
    select node as unique_id_l, other as unique_id_r, match_probability, match_weight, {weights}, inside
    from best_ranked where rank_ = 1
    """


def recluster(
    model: TrainedModel,
    backend: str = "duckdb",
    threshold: float = DEFAULT_THRESHOLD,
    spark: Any = None,
) -> ClusterSummary:
    """Re-cluster every crossing with ``model`` and write the decisions; analysts' decisions are kept."""
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    snap = snapshot()
    fixed = {c: person for c, (_, person, kind) in snap.decisions.items() if kind != LinkDecision.Kind.AUTOMATIC}
    bound = {**_merged_with(snap), **fixed}
    constrained_crossings = set(bound) | {c for pair in snap.distinct for c in pair}
    seconds["read"] = time.perf_counter() - started

    started = time.perf_counter()
    names = NameColumns(models_dir())
    table = traveller_columns(snap.profiles, names=names)
    names.save()
    seconds["prepare"] = time.perf_counter() - started

    started = time.perf_counter()
    session = Session(TRAVELLER_PROFILE, [table], backend, spark)
    try:
        session.use(model)
        predictions = session.predict(min(REVIEW_FROM, threshold))
        clusters_table = session.cluster(predictions, threshold)
        cluster_of = {
            int(r["unique_id"]): r["cluster_id"]
            for r in session.query(f"select unique_id, cluster_id from {clusters_table.physical_name}")
        }
        best_edges = [
            (int(edge.left), int(edge.right), bool(edge.extra["inside"]), edge)
            for edge in session.explain(
                _best_rows_sql(
                    predictions.physical_name,
                    clusters_table.physical_name,
                    ", ".join(Session.columns_of_predictions(model.settings)),
                ),
                extra=("inside",),
            )
        ]
        pair_count = int(session.query(f"select count(*) as n from {predictions.physical_name}")[0]["n"])
        # Clusters holding an analyst's crossing (or a "not the same person" pair) are redone here.
        constrained_profiles = {snap.profile_of[c] for c in constrained_crossings if c in snap.profile_of}
        constrained_clusters = {cluster_of[p] for p in constrained_profiles}
        group_profiles = [p for p, c in cluster_of.items() if c in constrained_clusters]
        group_edges: list[Edge] = []
        if group_profiles:
            ids = ", ".join(str(p) for p in group_profiles)
            group_edges = session.edges(predictions, f"unique_id_l in ({ids}) and unique_id_r in ({ids})")
    finally:
        session.close()
    seconds["splink"] = time.perf_counter() - started

    started = time.perf_counter()
    groups = _Groups(snap.distinct, bound)
    best: dict[int, Best] = defaultdict(Best)
    constrained = set(group_profiles)
    # Unconstrained clusters: Splink's connected components, expanded from profiles to crossings.
    by_cluster: dict[Any, list[int]] = defaultdict(list)
    for profile, cluster in cluster_of.items():
        if profile not in constrained:
            by_cluster[cluster].append(profile)
    self_matches = {}
    for profile, traveller in enumerate(snap.profiles):
        if len(snap.members[profile]) > 1:
            self_matches[profile] = _self_match(model, traveller)
    for profiles in by_cluster.values():
        crossings = [c for p in profiles for c in snap.members[p]]
        single = len(profiles) == 1 and (profiles[0] not in self_matches or self_matches[profiles[0]][0] < threshold)
        if not single:
            for other in crossings[1:]:
                groups.join(crossings[0], other, force=True)
    for profile, other_profile, inside, edge in best_edges:
        if profile in constrained:
            continue
        explanation = _explanation(model, edge.levels)
        for crossing in snap.members[profile]:
            if inside:
                _offer(best[crossing], edge.probability, edge.weight, snap.members[other_profile][0], explanation)
            else:
                best[crossing].outside = max(best[crossing].outside or 0.0, edge.probability)
    # Constrained clusters: greedy, strongest pair first, within the analysts' constraints.
    pairs: list[tuple[float, float, int, int, dict[str, tuple[str, float]]]] = []
    for edge in group_edges:
        for a in snap.members[int(edge.left)]:
            for b in snap.members[int(edge.right)]:
                pairs.append((edge.probability, edge.weight, a, b, edge.levels))
    for profile in constrained:
        if profile in self_matches:
            probability, weight, levels = self_matches[profile]
            for a, b in combinations(snap.members[profile], 2):
                pairs.append((probability, weight, a, b, levels))
    pairs.sort(key=lambda p: (-p[1], p[2], p[3]))
    for probability, _weight, a, b, _levels in pairs:
        if probability >= threshold:
            groups.join(a, b)
    for probability, weight, a, b, levels in pairs:
        if groups.root(a) == groups.root(b):
            explanation = _explanation(model, levels)
            _offer(best[a], probability, weight, b, explanation)
            _offer(best[b], probability, weight, a, explanation)
        elif frozenset((a, b)) not in snap.distinct:
            for x in (a, b):
                best[x].outside = max(best[x].outside or 0.0, probability)
    # Identical crossings in unconstrained clusters: their best pair is each other.
    for profile, (probability, weight, levels) in self_matches.items():
        if profile in constrained or probability < threshold:
            continue
        members = snap.members[profile]
        explanation = _explanation(model, levels)
        for crossing in members:
            other = members[1] if crossing == members[0] else members[0]
            _offer(best[crossing], probability, weight, other, explanation)
    seconds["assign"] = time.perf_counter() - started

    started = time.perf_counter()
    summary = _write(snap, groups, best, model, fixed, set(bound.values()))
    seconds["write"] = time.perf_counter() - started
    forget_state()  # this process's real-time index; other processes see the new decision ids
    return ClusterSummary(
        model_version=model.version,
        backend=backend,
        crossings=len(snap.crossing_ids),
        profiles=len(snap.profiles),
        scored_pairs=pair_count,
        seconds={k: round(v, 2) for k, v in seconds.items()},
        **summary,
    )


def _offer(best: Best, probability: float, weight: float, other: int, explanation: str) -> None:
    if best.inside is None or weight > best.inside[1]:
        best.inside = (probability, weight, other, explanation)


def _merged_with(snap: Snapshot) -> dict[int, int]:
    """Automatic crossings that were in a person when an analyst merged another person into it.

    A merge writes decisions for the crossings that moved only; the ones already there are part of the
    analyst's "same person" too, so re-clustering keeps them with it. Decision ids grow, so a crossing
    whose current automatic decision is older than the person's first merge decision was there.
    """
    first_merge: dict[int, int] = {}
    for decision_id, person, kind in snap.decisions.values():
        if kind == LinkDecision.Kind.MERGE:
            first_merge[person] = min(decision_id, first_merge.get(person, decision_id))
    return {
        crossing: person
        for crossing, (decision_id, person, kind) in snap.decisions.items()
        if kind == LinkDecision.Kind.AUTOMATIC and person in first_merge and decision_id < first_merge[person]
    }


def _write(
    snap: Snapshot,
    groups: _Groups,
    best: Mapping[int, Best],
    model: TrainedModel,
    fixed: Mapping[int, int],
    held: set[int],
) -> dict[str, int]:
    """Give every group a person and write the automatic decisions, superseding the old ones.

    ``fixed`` are the crossings with an analyst's decision (not written); ``held`` the persons analysts'
    decisions hold, which no other group may take over.
    """
    members: dict[int, list[int]] = defaultdict(list)
    for crossing in snap.crossing_ids:
        members[groups.root(crossing)].append(crossing)
    claimed: set[int] = set(held)
    person_of_group: dict[int, int] = {}
    needing: list[int] = []
    for root, crossings in sorted(members.items(), key=lambda kv: (-len(kv[1]), kv[1][0])):
        person = groups.person.get(root)
        if person is None:
            # Keep the person most of these crossings had, when no analyst decision holds it.
            previous = Counter(
                snap.decisions[c][1] for c in crossings if c in snap.decisions and c not in fixed
            ).most_common()
            person = next((p for p, _ in previous if p not in claimed), None)
        if person is None:
            needing.append(root)
        else:
            claimed.add(person)
            person_of_group[root] = person
    created = Person.objects.bulk_create([Person() for _ in needing], batch_size=2000)
    for root, person_obj in zip(needing, created, strict=True):
        person_of_group[root] = person_obj.pk
    person_of = {c: person_of_group[groups.root(c)] for c in snap.crossing_ids}

    shared: set[int] = set()
    by_document: dict[tuple[str, str], list[int]] = defaultdict(list)
    for crossing, document in snap.documents.items():
        by_document[document].append(crossing)
    for crossings in by_document.values():
        persons = Counter(person_of[c] for c in crossings)
        if len(persons) > 1:
            main = min(persons, key=lambda p: (-persons[p], p))
            shared.update(c for c in crossings if person_of[c] != main)

    version = model.version
    now = datetime.now(UTC)
    rows = []
    review = 0
    for crossing in snap.crossing_ids:
        if crossing in fixed:
            continue
        found = best.get(crossing) or Best()
        inside = found.inside
        needs_review = (
            found.outside is not None and found.outside >= REVIEW_FROM and (inside is None or found.outside > inside[0])
        )
        review += needs_review
        rows.append(
            (
                crossing, person_of[crossing], LinkDecision.Kind.AUTOMATIC.value, True,
                None if inside is None else round(inside[0], 6), None if inside is None else round(inside[1], 3),
                None if inside is None else inside[2], "[]" if inside is None else inside[3], version,
                needs_review, crossing in shared, None, "", now,
            )
        )  # fmt: skip
    old = [snap.decisions[c][0] for c in snap.crossing_ids if c in snap.decisions and c not in fixed]
    with transaction.atomic():
        superseded = 0
        for start in range(0, len(old), 5000):
            superseded += LinkDecision.objects.filter(
                pk__in=old[start : start + 5000], current=True, kind=LinkDecision.Kind.AUTOMATIC
            ).update(current=False)
        if superseded != len(old):
            raise RuntimeError("link decisions changed while clustering; nothing was written, run it again")
        _insert(rows)
    return {
        "persons": len(set(person_of.values())),
        "written": len(rows),
        "kept_manual": len(fixed),
        "new_persons": len(needing),
        "needs_review": review,
        "shared_document": len(shared & {r[0] for r in rows}),
    }


_COLUMNS = (
    "crossing_id", "person_id", "kind", "current", "probability", "weight", "matched_crossing_id", "explanation",
    "model_version", "needs_review", "shared_document", "user_id", "reason", "created_at",
)  # fmt: skip


def _insert(rows: Iterable[tuple[Any, ...]]) -> None:
    """Insert decisions in bulk: ``COPY`` on PostgreSQL, ``executemany`` elsewhere."""
    table = LinkDecision._meta.db_table
    rows = list(rows)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({', '.join(_COLUMNS)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        stamp_at = len(_COLUMNS) - 1
        marks = ", ".join(["%s"] * len(_COLUMNS))
        sql = f"INSERT INTO {table} ({', '.join(_COLUMNS)}) VALUES ({marks})"
        for start in range(0, len(rows), 5000):
            batch = [
                (*row[:stamp_at], row[stamp_at].strftime("%Y-%m-%d %H:%M:%S.%f")) for row in rows[start : start + 5000]
            ]
            cursor.executemany(sql, batch)


def model_summary(model: TrainedModel) -> list[str]:
    """Lines describing a model: prior, then m, u and weight of every level, for the command's output."""
    lines = [f"prior (lambda) {model.prior:.3g} = {model.prior_weight:.1f} bits"]
    for item in model.parameters:
        m = "-" if item.m is None else f"{item.m:.4g}"
        u = "-" if item.u is None else f"{item.u:.4g}"
        weight = "-" if item.weight is None else f"{item.weight:+.1f}"
        lines.append(f"{item.comparison:<12} {item.level:<18} m={m:<10} u={u:<10} {weight} bits")
    return lines
