"""``borderlink identity train`` and ``cluster``: re-clustering every crossing keeps analysts' decisions."""

from __future__ import annotations

import csv
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from borderlink.accounts.roles import Role, Scope
from borderlink.crossings.models import Crossing
from borderlink.identity import clustering, linking
from borderlink.identity.decisions import merge, split
from borderlink.identity.engine import TrainedModel
from borderlink.identity.evaluate import pairwise
from borderlink.identity.models import DistinctPair, LinkDecision
from borderlink.ingest.catalogue import get_mapping
from borderlink.ingest.services import import_file
from borderlink.synth.generate import generate

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

_MODEL: dict[str, TrainedModel] = {}


@pytest.fixture
def data_dir(settings: Any, tmp_path: Path) -> Path:
    """Models are saved in a data folder of the test's own."""
    settings.DATA_DIR = tmp_path / "var"
    return Path(settings.DATA_DIR)


@pytest.fixture
def population(tmp_path: Path) -> dict[str, str]:
    """A small synthetic population imported and linked in real time; returns the truth (uid -> person)."""
    import borderlink.jobs.handlers  # noqa: F401
    from borderlink.jobs.queue import drain

    summary = generate(persons=120, days=20, seed=3, out_dir=tmp_path / "synth")
    for source, path in summary.files.items():
        import_file(get_mapping(source), path.read_bytes(), path.name)
    drain()
    with summary.truth.open(encoding="utf-8") as handle:
        return {row["record_id"]: row["person_id"] for row in csv.DictReader(handle)}


@pytest.fixture
def model(population: dict[str, str], data_dir: Path) -> TrainedModel:
    """The batch model of the population (trained once for the module: it takes seconds), saved as current."""
    if "model" not in _MODEL:
        _MODEL["model"] = clustering.train_model(max_pairs=2e5)
    clustering.save_model(_MODEL["model"])
    return _MODEL["model"]


@pytest.fixture
def analyst(make_user: Callable[..., Any]) -> Any:
    """An analyst of the regional hub: sees every state's crossings, may split and merge."""
    return make_user("hub-analyst", Role.ANALYST, "KHM", Scope.REGIONAL)


def _persons() -> dict[int, int]:
    return dict(LinkDecision.objects.filter(current=True).values_list("crossing_id", "person_id"))


def _cluster() -> str:
    out = StringIO()
    call_command("identity", "cluster", stdout=out)
    return out.getvalue()


def test_it_trains_and_saves_a_versioned_model(population: dict[str, str], data_dir: Path) -> None:
    out = StringIO()
    call_command("identity", "train", "--max-pairs", "200000", stdout=out)
    text = out.getvalue()
    model = clustering.current_model()
    assert model is not None and model.version in text
    saved = data_dir / "models" / f"{model.version}.json"
    assert saved.is_file() and str(saved) in text
    assert TrainedModel.load(saved).version == model.version
    assert "birth_date   exact" in text and "m=" in text and "u=" in text


def test_it_reclusters_every_crossing_and_records_the_model_version(
    model: TrainedModel, population: dict[str, str]
) -> None:
    before = LinkDecision.objects.filter(current=True).count()
    assert before == Crossing.objects.count()
    text = _cluster()
    assert model.version in text
    current = LinkDecision.objects.filter(current=True)
    assert current.count() == before  # one current decision per crossing
    assert set(current.values_list("model_version", flat=True)) == {model.version}
    assert LinkDecision.objects.filter(current=False).count() == before  # the real-time ones, superseded
    uids = dict(Crossing.objects.values_list("id", "uid"))
    clusters = {uids[c]: p for c, p in _persons().items()}
    truth = {uid: person for uid, person in population.items() if uid in clusters}
    assert pairwise(clusters, truth).f1 > 0.97
    linked = current.exclude(matched_crossing=None).first()
    assert linked is not None and linked.probability and linked.probability >= clustering.DEFAULT_THRESHOLD
    assert {line["comparison"] for line in linked.explanation} >= {"prior", "name", "birth_date", "document"}


def test_it_keeps_a_manual_split_through_cluster(model: TrainedModel, analyst: Any) -> None:
    persons = _persons()
    sizes: dict[int, list[int]] = {}
    for crossing, person in persons.items():
        sizes.setdefault(person, []).append(crossing)
    crossings = max(sizes.values(), key=len)
    taken = Crossing.objects.get(pk=crossings[0])
    split(analyst, taken.uid, "two travellers on one passport")
    decision = LinkDecision.objects.get(crossing=taken, current=True)

    _cluster()

    after = _persons()
    assert LinkDecision.objects.get(crossing=taken, current=True).pk == decision.pk  # untouched
    apart = DistinctPair.objects.filter(first=taken).values_list("second_id", flat=True)
    assert len(apart) == len(crossings) - 1
    assert all(after[other] != after[taken.pk] for other in apart)


def test_it_keeps_a_manual_merge_through_cluster(model: TrainedModel, analyst: Any) -> None:
    persons = _persons()
    members: dict[int, list[int]] = {}
    for crossing, person in persons.items():
        members.setdefault(person, []).append(crossing)
    keep, other = sorted((p for p, cs in members.items() if len(cs) >= 2), key=lambda p: -len(members[p]))[:2]
    merge(analyst, keep, other, "the same woman under two family names")

    _cluster()

    after = _persons()
    assert {after[c] for c in members[keep] + members[other]} == {keep}
    kinds = set(
        LinkDecision.objects.filter(crossing_id__in=members[other], current=True).values_list("kind", flat=True)
    )
    assert kinds == {LinkDecision.Kind.MERGE}


def test_it_leaves_the_worker_index_fresh(model: TrainedModel) -> None:
    before = linking.state()
    _cluster()
    after = linking.state()
    assert after is not before
    assert after.person_of == _persons()
    assert after.last_decision == LinkDecision.objects.order_by("-id").values_list("id", flat=True).first()


def test_it_refuses_to_cluster_without_a_trained_model(population: dict[str, str], data_dir: Path) -> None:
    err = StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("identity", "cluster", stderr=err)
    assert exit_info.value.code == 2
    assert "borderlink identity train" in err.getvalue()
