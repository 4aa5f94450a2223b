"""``borderlink bench screen``: screening speed, latency, index build and memory, recall on planted alerts.

The data is synthetic (``borderlink.synth``): travellers crossing as their passports write them, and
alerts on some of them written with one of the variations met at borders (another romanisation, native
script only, swapped word order, one typing slip, day and month of birth swapped), among many alerts on
people who do not travel. Alerts go into the node's alerts table; the index is built from it as a node
builds it. Recall is counted against what was planted; every other hit is a false hit. A brute-force
rapidfuzz scan over all person alerts, on a sample of crossings, is the reference for recall and speed.
"""

from __future__ import annotations

import datetime as dt
import gc
import random
import statistics
import string
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from borderlink.identity.compare import Traveller, normalise_document_number
from borderlink.values.dates import PartialDate

VARIANTS = ("as_written", "other_romanisation", "native_script_only", "swapped_order", "one_typo", "day_month_swapped")
PERSON_TYPES = ("missing_person", "at_risk", "wanted", "discreet_check")
STATES = ("KHM", "THA", "VNM", "LAO", "MMR", "IDN", "PHL", "CHN", "AUS", "MYS")


def rss_mib() -> float:
    """The process's resident memory now, in MiB (from /proc)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


@dataclass(frozen=True)
class Planted:
    """An alert written from a travelling person, with the variation applied."""

    ref: str
    person: int
    variant: str
    traveller: Traveller
    latin: bool


def _birth(person: Any) -> PartialDate:
    year, month, day = person.birth
    return PartialDate(year, month or None, (day or None) if month else None)


def _native(person: Any) -> str:
    return person.name_km or person.name_th or ""


def _passport(person: Any) -> Traveller:
    """The traveller as the passport writes them (native script beside it where the state records it)."""
    doc = person.docs[0] if person.docs else None
    return Traveller(
        family=person.surname,
        given=person.given,
        native=_native(person),
        sex=person.sex,
        birth_date=_birth(person),
        nationality=person.nationality,
        document_number=doc.number if doc else None,
        document_issuer=doc.issuer if doc else None,
    )


def _typo(text: str, rng: random.Random) -> str:
    from borderlink.synth.writing import typo

    return typo(text, rng)


def _variant(person: Any, variant: str, rng: random.Random) -> Traveller | None:
    """The alert's view of a person under one variation, or None if it does not apply to them."""
    birth = _birth(person)
    family, given, native = person.surname, person.given, ""
    if variant == "other_romanisation":
        if not person.has_alternatives:
            return None
        family, given = person.alternative(rng)
        if (family, given) == (person.surname, person.given):
            return None
    elif variant == "native_script_only":
        native = _native(person)
        if not native:
            return None
        family, given = "", ""
    elif variant == "swapped_order":
        if not family or not given:
            return None
        family, given = given, family
    elif variant == "one_typo":
        longest = max((family, given), key=len)
        if len(longest) < 4:
            return None
        if longest == family:
            family = _typo(family, rng)
        else:
            given = _typo(given, rng)
    elif variant == "day_month_swapped":
        if not birth.is_complete or birth.day is None or birth.month is None or birth.day > 12:
            return None
        if birth.day == birth.month:
            return None
        birth = PartialDate(birth.year, birth.day, birth.month)
    return Traveller(
        family=family, given=given, native=native, sex=person.sex, birth_date=birth, nationality=person.nationality
    )


def _population(count: int, seed: int) -> list[Any]:
    from borderlink.synth.population import PopulationBuilder

    builder = PopulationBuilder(random.Random(seed), dt.date(2026, 1, 1), 30)
    return builder.build(count)


def _document_number(rng: random.Random) -> str:
    letters = string.ascii_uppercase
    return letters[rng.randrange(26)] + letters[rng.randrange(26)] + f"{rng.randrange(10**7):07d}"


def _insert_alerts(rows: Iterator[tuple[Any, ...]]) -> int:
    """Bulk insert alert rows with one statement per batch: a million through the ORM would take an hour."""
    from django.db import connection, transaction

    from borderlink.screening.models import Alert

    columns = (
        "ref", "type", "issuing_state", "family_name", "given_names", "native_name", "sex", "birth_date",
        "nationality", "document_number", "document_key", "document_issuing_state", "reason", "action", "notify",
        "review_date", "created_at", "updated_at", "withdrawal_reason",
    )  # fmt: skip
    sql = f"INSERT INTO {Alert._meta.db_table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"
    now = dt.datetime.now(dt.UTC)
    review = dt.date.today() + dt.timedelta(days=365)
    count = 0
    batch: list[tuple[Any, ...]] = []
    with transaction.atomic(), connection.cursor() as cursor:
        for row in rows:
            batch.append((*row, "bench", "", "", review, now, now, ""))
            if len(batch) == 50_000:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def _person_row(ref: str, kind: str, state: str, t: Traveller) -> tuple[Any, ...]:
    number = t.document_number or ""
    return (
        ref, kind, state, t.family, t.given, t.native, t.sex or "", str(t.birth_date) if t.birth_date else "",
        t.nationality or "", number, normalise_document_number(number), t.document_issuer or "",
    )  # fmt: skip


def run(
    person_alerts: int, document_alerts: int, crossings: int, seed: int, sample: int = 200, work_dir: Path | None = None
) -> dict[str, Any]:
    """Build the data, the index, screen every crossing, and measure (see the module docstring)."""
    from borderlink.identity.compare import prepared_names
    from borderlink.screening.runtime import build_index, install_index
    from borderlink.screening.screen import screen_traveller

    rng = random.Random(seed)
    travellers_count = max(10, crossings // 2)
    planted_target = max(len(VARIANTS), min(person_alerts // 2, max(600, travellers_count // 20)))
    other_count = max(0, person_alerts - planted_target)
    started = time.perf_counter()
    people = _population(travellers_count + other_count, seed)
    travelling, others = people[:travellers_count], people[travellers_count:]

    # Crossings: each traveller crosses once or more, as the passport writes them.
    passports = [_passport(p) for p in travelling]
    journey: list[int] = list(range(len(travelling)))
    while len(journey) < crossings:
        journey.append(rng.randrange(len(travelling)))
    journey = journey[:crossings]
    rng.shuffle(journey)

    # Planted alerts: a variation of a travelling person's name or birth date, cycling through VARIANTS.
    planted: list[Planted] = []
    candidates = list(range(len(travelling)))
    rng.shuffle(candidates)
    turn = 0
    for chosen in candidates:
        if len(planted) >= planted_target:
            break
        for attempt in range(len(VARIANTS)):
            variant = VARIANTS[(turn + attempt) % len(VARIANTS)]
            view = _variant(travelling[chosen], variant, rng)
            if view is not None:
                latin = bool(view.family or view.given)
                planted.append(Planted(f"P{len(planted):07d}", chosen, variant, view, latin))
                turn += attempt + 1
                break
    with_documents = [i for i, t in enumerate(passports) if t.document_number]
    chosen_documents = rng.sample(with_documents, min(100, len(with_documents)))
    planted_documents = {f"D{i:08d}": idx for i, idx in enumerate(chosen_documents)}
    generate_seconds = time.perf_counter() - started

    def alert_rows() -> Iterator[tuple[Any, ...]]:
        for i, p in enumerate(planted):
            yield _person_row(p.ref, PERSON_TYPES[i % 4], "KHM", p.traveller)
        for i, person in enumerate(others):
            yield _person_row(f"O{i:08d}", PERSON_TYPES[i % 4], STATES[i % len(STATES)], _passport(person))
        for ref, idx in planted_documents.items():
            t = passports[idx]
            yield (ref, "travel_document", "KHM", "", "", "", "", "", "", t.document_number,
                   normalise_document_number(t.document_number), t.document_issuer)  # fmt: skip
        doc_rng = random.Random(seed + 1)
        for i in range(max(0, document_alerts - len(planted_documents))):
            number = _document_number(doc_rng)
            yield (f"T{i:09d}", "travel_document", STATES[i % len(STATES)], "", "", "", "", "", "", number, number,
                   STATES[(i // 7) % len(STATES)])  # fmt: skip

    started = time.perf_counter()
    stored = _insert_alerts(alert_rows())
    insert_seconds = time.perf_counter() - started

    # Name forms of the crossings are computed once per distinct name, as identity linking does anyway.
    started = time.perf_counter()
    for t in passports:
        prepared_names(t.family, t.given, t.native)
    crossing_names_seconds = time.perf_counter() - started

    gc.collect()
    before = rss_mib()
    started = time.perf_counter()
    built_from = dt.datetime.now(dt.UTC)
    index = build_index()
    build_seconds = time.perf_counter() - started
    install_index(index, built_from)  # the delay measured below uses this index, as a running worker would
    gc.collect()
    index_mib = rss_mib() - before

    from borderlink.screening.models import Alert

    # Planted alerts by id (the others are counted by id alone).
    planted_rows = Alert.objects.values_list("id", "ref").filter(ref__regex=r"^[PD]")
    planted_ids = {ref: alert_id for alert_id, ref in planted_rows}
    # Warm the caches of the crossings' names again (building the index cycled them).
    for t in passports:
        prepared_names(t.family, t.given, t.native)

    latencies: list[float] = []
    hits: list[tuple[int, int]] = []
    started = time.perf_counter()
    for position, idx in enumerate(journey):
        t0 = time.perf_counter()
        found = screen_traveller(passports[idx], index=index)
        latencies.append(time.perf_counter() - t0)
        for candidate in found:
            hits.append((candidate.alert_id, position))
    screen_seconds = time.perf_counter() - started

    crossings_of: dict[int, list[int]] = {}
    for position, idx in enumerate(journey):
        crossings_of.setdefault(idx, []).append(position)
    expected = {(planted_ids[p.ref], pos) for p in planted for pos in crossings_of.get(p.person, [])}
    expected |= {(planted_ids[ref], pos) for ref, idx in planted_documents.items() for pos in crossings_of.get(idx, [])}
    got = set(hits)
    true_hits = got & expected
    false_pairs = got - expected
    false_hits = len(false_pairs)
    indistinguishable = _indistinguishable(false_pairs, passports, journey)
    by_variant: dict[str, list[int]] = {}
    for p in planted:
        pairs = [(planted_ids[p.ref], pos) for pos in crossings_of.get(p.person, [])]
        tally = by_variant.setdefault(p.variant, [0, 0])
        tally[0] += sum(1 for pair in pairs if pair in got)
        tally[1] += len(pairs)

    brute = _brute_force(planted, passports, journey, others, got, planted_ids, sample, rng)
    latencies.sort()
    delay = _ingest_to_hit_delay(work_dir, seed) if work_dir is not None else None
    return {
        "person_alerts": len(planted) + len(others),
        "document_alerts": len(planted_documents) + max(0, document_alerts - len(planted_documents)),
        "alerts_stored": stored,
        "crossings": len(journey),
        "planted_person_alerts": len(planted),
        "generate_seconds": round(generate_seconds, 1),
        "insert_seconds": round(insert_seconds, 1),
        "crossing_names_seconds": round(crossing_names_seconds, 2),
        "index_build_seconds": round(build_seconds, 1),
        "index_memory_mib": round(index_mib, 1),
        "index_arrays_mib": round(index.nbytes / 2**20, 1),
        "skipped_buckets": index.skipped,
        "screen_seconds": round(screen_seconds, 2),
        "crossings_per_second": round(len(journey) / screen_seconds) if screen_seconds else None,
        "p50_ms": round(statistics.median(latencies) * 1000, 3),
        "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1] * 1000, 3) if latencies else None,
        "recall": round(len(true_hits) / len(expected), 4) if expected else None,
        "planted_pairs": len(expected),
        "recall_by_variant": {k: round(v[0] / v[1], 4) if v[1] else None for k, v in by_variant.items()},
        "false_hits": false_hits,
        "false_hits_per_1000": round(false_hits * 1000 / len(journey), 3) if journey else None,
        "false_hits_indistinguishable": indistinguishable,
        "false_hits_distinguishable_per_1000": round((false_hits - indistinguishable) * 1000 / len(journey), 3)
        if journey
        else None,
        "brute_force": brute,
        "ingest_to_hit_seconds": delay,
    }


def rebuild() -> dict[str, Any]:
    """Build the index again from the alerts a run left, in a new process: what a restarted node does.

    The in-process caches are empty; the words' romanisations kept on disk by the first build
    (``values.romanise.memory``) are what a restart reuses.
    """
    from borderlink.screening.runtime import build_index

    started = time.perf_counter()
    build_index()
    return {"index_rebuild_seconds": round(time.perf_counter() - started, 1)}


def _indistinguishable(pairs: set[tuple[int, int]], passports: list[Traveller], journey: list[int]) -> int:
    """How many false hits are on alerts that say nothing the traveller contradicts, name written alike.

    The synthetic name pools are far smaller than a real population's: among a million alerts many are
    on another person with the traveller's very name (its words in any order), sex and birth year, one of
    the two knowing no more than the year or the month. No screening can tell them apart; the benchmark
    counts them apart from the others.
    """
    from borderlink.screening.models import Alert
    from borderlink.screening.runtime import _entry

    ids = sorted({alert_id for alert_id, _ in pairs})
    rows = {
        row[0]: row
        for row in Alert.objects.filter(id__in=ids[:30000]).values_list(
            "id", "type", "issuing_state", "review_date", "family_name", "given_names", "native_name", "sex",
            "birth_date", "nationality", "document_number", "document_issuing_state", "document_key",
        )
    }  # fmt: skip
    count = 0
    for alert_id, position in pairs:
        row = rows.get(alert_id)
        if row is None:
            continue
        entry, _doc = _entry(row)
        if entry is None:
            continue
        alert, traveller = entry.traveller, passports[journey[position]]
        same_name = sorted(f"{alert.family} {alert.given}".split()) == sorted(
            f"{traveller.family} {traveller.given}".split()
        ) or (bool(alert.native) and alert.native == traveller.native)
        a, t = alert.birth_date, traveller.birth_date
        contained = (
            a is not None
            and t is not None
            and a.year == t.year
            and (a.month is None or t.month is None or a.month == t.month)
            and (a.day is None or t.day is None or a.day == t.day)
        )
        if same_name and contained and alert.sex in (None, traveller.sex):
            count += 1
    return count


def _brute_force(
    planted: list[Planted],
    passports: list[Traveller],
    journey: list[int],
    others: list[Any],
    got: set[tuple[int, int]],
    planted_ids: dict[str, int],
    sample: int,
    rng: random.Random,
) -> dict[str, Any]:
    """Scan every person alert's Latin name with rapidfuzz for a sample of crossings of planted persons.

    The scan keeps alerts whose name scores at least 85 (token sort ratio, so word order does not
    matter) and whose birth year is the crossing's: what a general fuzzy matcher without romanisation
    does. Its recall is counted on the Latin-script planted alerts of the sampled crossings, beside
    the index's recall on the same pairs.
    """
    from rapidfuzz import fuzz, process

    latin = [p for p in planted if p.latin]
    names = [f"{p.traveller.family} {p.traveller.given}".strip() for p in latin]
    years = [p.traveller.birth_date.year if p.traveller.birth_date else 0 for p in latin]
    refs = [p.ref for p in latin]
    for i, person in enumerate(others):
        names.append(f"{person.surname} {person.given}".strip())
        years.append(person.birth[0])
        refs.append(f"O{i:08d}")
    positions: dict[int, list[int]] = {}
    for position, idx in enumerate(journey):
        positions.setdefault(idx, []).append(position)
    pairs = [(p.ref, p.person, positions[p.person][0]) for p in latin if p.person in positions]
    chosen = rng.sample(pairs, min(sample, len(pairs)))
    found = 0
    ours = 0
    timings = []
    for ref, person, position in chosen:
        t = passports[person]
        query = f"{t.family} {t.given}".strip()
        year = t.birth_date.year if t.birth_date else 0
        t0 = time.perf_counter()
        matches = process.extract(query, names, scorer=fuzz.token_sort_ratio, score_cutoff=85, limit=None)
        kept = {refs[i] for _name, _score, i in matches if years[i] == year}
        timings.append(time.perf_counter() - t0)
        found += ref in kept
        ours += (planted_ids[ref], position) in got
    return {
        "sampled_crossings": len(chosen),
        "alerts_scanned": len(names),
        "recall_latin": round(found / len(chosen), 4) if chosen else None,
        "index_recall_same_pairs": round(ours / len(chosen), 4) if chosen else None,
        "ms_per_crossing": round(statistics.mean(timings) * 1000, 1) if timings else None,
        "crossings_per_second": round(1 / statistics.mean(timings), 1) if timings else None,
    }


def _ingest_to_hit_delay(work_dir: Path, seed: int) -> float | None:
    """Seconds from starting to import a small national file to the hit on a planted alert being stored."""
    import csv

    import borderlink.jobs.handlers  # noqa: F401
    from borderlink.ingest.catalogue import get_mapping
    from borderlink.ingest.services import import_file
    from borderlink.jobs.queue import drain
    from borderlink.screening.alerts import AlertInput, create_alert
    from borderlink.screening.models import Hit
    from borderlink.synth.generate import generate

    summary = generate(persons=20, days=3, seed=seed + 7, out_dir=work_dir / "delay")
    path = summary.files["khm-gdi"]
    with path.open(encoding="utf-8-sig") as handle:
        first = next(csv.DictReader(handle))
    day, month, year = [*first["birth_date"].split("/"), "", "", ""][:3]
    birth = f"{year}-{month}-{day}" if month != "00" else year
    alert = create_alert(
        AlertInput.from_mapping(
            {"type": "at_risk", "family_name": first["surname"], "given_names": first["given_names"],
             "birth_date": birth, "sex": first["sex"], "reason": "bench",
             "review_date": dt.date.today() + dt.timedelta(days=30)}
        ),
        issuing_state="KHM", ref="DELAY-1",
    )  # fmt: skip
    drain()  # the alert's own look back
    started = time.perf_counter()
    import_file(get_mapping("khm-gdi"), path.read_bytes(), path.name)
    drain(limit=1)  # the screening job comes first
    seconds = time.perf_counter() - started
    return round(seconds, 3) if Hit.objects.filter(alert=alert).exists() else None
