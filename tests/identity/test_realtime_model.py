"""Real-time linking and person search score with the model ``borderlink identity train`` saved last."""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from borderlink.crossings.models import Crossing
from borderlink.identity import clustering, models_store
from borderlink.identity.blocking import BlockingIndex
from borderlink.identity.compare import Traveller
from borderlink.identity.engine import TrainedModel
from borderlink.identity.linking import LinkState, find_best, link_crossings
from borderlink.identity.models import LinkDecision
from borderlink.identity.score import DEFAULT_MODEL, Scorer
from borderlink.identity.search import parse_query, search_persons
from borderlink.values.names import TokenFrequencies

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def data_dir(settings: Any, tmp_path: Path) -> Iterator[Path]:
    """Models are saved in a data folder of the test's own, and no converted model outlives a test."""
    settings.DATA_DIR = tmp_path / "var"
    models_store.forget_model()
    yield Path(settings.DATA_DIR)
    models_store.forget_model()


def _train() -> TrainedModel:
    """Train the batch model on the stored crossings and save it as current, as ``identity train`` does."""
    model = clustering.train_model(max_pairs=1e4)
    clustering.save_model(model)
    return model


def _link_all() -> None:
    link_crossings(list(Crossing.objects.order_by("id").values_list("id", flat=True)))


def test_it_links_with_the_defaults_when_no_model_was_trained(ingest_samples: Callable[[], Any]) -> None:
    ingest_samples()
    assert models_store.realtime_model() is DEFAULT_MODEL
    _link_all()
    assert set(LinkDecision.objects.filter(current=True).values_list("model_version", flat=True)) == {
        DEFAULT_MODEL.version
    }


def test_it_links_with_the_trained_model_and_explains_with_its_weights(ingest_samples: Callable[[], Any]) -> None:
    ingest_samples()
    trained = _train()
    _link_all()
    decisions = LinkDecision.objects.filter(current=True, kind="automatic")
    assert decisions.count() == Crossing.objects.count()
    assert set(decisions.values_list("model_version", flat=True)) == {trained.version}
    explained = [d for d in decisions if d.explanation]
    assert explained
    for decision in explained:
        lines = {line["comparison"]: line for line in decision.explanation}
        assert lines["prior"]["weight"] == round(trained.prior_weight, 2)
        for comparison in ("name", "birth_date", "sex", "nationality", "document"):
            level = lines[comparison]["level"]
            expected = 0.0 if level == "missing" else trained.weight(comparison, level)
            assert lines[comparison]["weight"] == round(min(expected, 6.0) if comparison == "document" else expected, 2)
        assert decision.weight == pytest.approx(sum(line["weight"] for line in decision.explanation), abs=0.05)


def test_it_converts_every_level_of_the_trained_model(ingest_samples: Callable[[], Any]) -> None:
    ingest_samples()
    trained = _train()
    model = models_store.realtime_model()
    assert model.version == trained.version and model.prior == trained.prior
    for level in trained.parameters:
        assert model.level_weight(level.comparison, level.level) == pytest.approx(level.weight or 0.0)
    assert models_store.realtime_model() is model  # converted once while the files stay as they are


def test_it_picks_up_a_model_trained_while_the_worker_runs(ingest_samples: Callable[[], Any]) -> None:
    ingest_samples()
    ids = list(Crossing.objects.order_by("id").values_list("id", flat=True))
    link_crossings(ids[:10])  # the worker's first batch: nothing trained yet
    trained = _train()  # another process trains and saves a model
    link_crossings(ids[10:20])
    settings = dict(trained.settings)
    settings["probability_two_random_records_match"] = trained.prior / 2
    retrained = TrainedModel(profile=trained.profile, settings=settings, trained=trained.trained)
    clustering.save_model(retrained)  # and later another one
    link_crossings(ids[20:])
    versions = dict(LinkDecision.objects.filter(current=True).values_list("crossing_id", "model_version"))
    assert {versions[i] for i in ids[:10]} == {DEFAULT_MODEL.version}
    assert {versions[i] for i in ids[10:20]} == {trained.version}
    assert {versions[i] for i in ids[20:]} == {retrained.version} != {trained.version}


def test_it_searches_persons_with_the_trained_model(ingest_samples: Callable[[], Any], make_user: Any) -> None:
    ingest_samples()
    trained = _train()
    _link_all()
    hub = make_user("hub", "analyst", "KHM", "regional")
    found = search_persons(hub, parse_query({"q": "PHROMMA JANPEN", "birth_date": "1999-03-21"}))
    assert found and found[0].crossing.uid in {
        "khm-gdi:KH-POI-2026-000017",
        "vnm-xnc:VN-VINHXUONG-0000011",
    }
    best = found[0].match
    assert best.explanation[0].weight == pytest.approx(trained.prior_weight)
    assert best.probability > 0.5


def test_it_falls_back_to_the_defaults_when_the_current_model_cannot_be_read(
    data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = data_dir / "models"
    folder.mkdir(parents=True)
    (folder / models_store.CURRENT_POINTER).write_text("identity-000000000000.json\n", encoding="utf-8")
    with caplog.at_level(logging.ERROR, logger="borderlink.identity"):
        assert models_store.realtime_model() is DEFAULT_MODEL
    assert "cannot be used for real-time linking" in caplog.text


def test_it_refuses_a_model_of_another_profile() -> None:
    from borderlink.identity.engine import blank_model
    from borderlink.identity.febrl import febrl_profile

    with pytest.raises(ValueError, match="profile"):
        models_store.from_trained(blank_model(febrl_profile(with_ssn=True)))


def test_it_leaves_screening_and_plain_scorers_on_the_defaults(ingest_samples: Callable[[], Any]) -> None:
    from borderlink.screening.matching import ScreeningScorer

    ingest_samples()
    _train()
    assert models_store.realtime_model() is not DEFAULT_MODEL
    assert ScreeningScorer().model is DEFAULT_MODEL and Scorer().model is DEFAULT_MODEL


@pytest.fixture(scope="module")
def synthetic_travellers(
    tmp_path_factory: pytest.TempPathFactory, django_db_setup: Any, django_db_blocker: Any
) -> list[Traveller]:
    """The crossings of a small synthetic population, read through the mappings (which read checkpoints)."""
    from borderlink.ingest.catalogue import get_mapping
    from borderlink.ingest.reading import read_file
    from borderlink.synth.generate import generate

    summary = generate(persons=150, days=20, seed=8, out_dir=tmp_path_factory.mktemp("synth"))
    with django_db_blocker.unblock():
        return [
            Traveller.from_row(row)
            for source, path in summary.files.items()
            for row in read_file(get_mapping(source), path.read_bytes()).rows
        ]


@pytest.mark.parametrize("with_frequencies", [False, True])
def test_it_bounds_every_score_without_comparing_names(
    synthetic_travellers: list[Traveller], with_frequencies: bool
) -> None:
    names = (" ".join(p for p in (t.family, t.given) if p) or t.native for t in synthetic_travellers)
    scorer = Scorer(frequencies=TokenFrequencies(names) if with_frequencies else None)
    rng = random.Random(4)
    index = BlockingIndex()
    for i, traveller in enumerate(synthetic_travellers):
        index.add(i, traveller)
    pairs = [(rng.choice(synthetic_travellers), rng.choice(synthetic_travellers)) for _ in range(300)]
    pairs += [(t, synthetic_travellers[int(c)]) for t in synthetic_travellers[:100] for c in index.candidates(t)]  # type: ignore[call-overload]
    for a, b in pairs:
        match, bound = scorer.score(a, b), scorer.bound(a, b)
        assert bound.weight >= match.weight - 1e-9
        assert bound.same_document == (match.level("document") == "exact")


def test_it_finds_the_best_match_that_scoring_every_candidate_finds(synthetic_travellers: list[Traveller]) -> None:
    scorer = Scorer()
    state = LinkState()
    for i, traveller in enumerate(synthetic_travellers[:-200]):
        state.add(i, traveller, person_id=i)
    pruned = 0
    for traveller in synthetic_travellers[-200:]:
        found = find_best(traveller, state, scorer)
        everyone = [scorer.score(traveller, state.travellers[int(c)]) for c in state.index.candidates(traveller)]  # type: ignore[call-overload]
        if not everyone:
            assert found.best is None
            continue
        assert found.best is not None
        assert found.best[1].weight == pytest.approx(max(m.weight for m in everyone))
        assert found.shared_document == any(scorer.document_conflict(m) for m in everyone)
        pruned += len(everyone) > 1
    assert pruned > 50


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("1998-03-05", "1998-03-05"),  # exact
        ("1998-03-05", "1998-05-03"),  # day and month swapped
        ("1998-03-05", "1998-03-06"),  # one digit of the day
        ("1998-03-05", "1999-03-05"),  # one digit of the year
        ("1998-03-05", "1989-03-05"),  # two digits of the year
        ("1998-03-05", "1998-11-21"),  # same year only
        ("1998", "1998-03-05"),  # partial: year only
        ("1998-03", "1998-04"),  # partial, months differ
        ("1998-03", "1998-03"),  # the same partial date
        ("1998-03-05", "1997-12-31"),  # different
        ("1998-03-05", ""),  # missing
    ],
)
def test_it_bounds_the_score_of_every_birth_date_level(left: str, right: str) -> None:
    from borderlink.values.dates import PartialDate

    def traveller(birth: str, sex: str, nationality: str, number: str, issuer: str) -> Traveller:
        date = PartialDate.parse(birth) if birth else None
        return Traveller("SOK", "DARA", "", sex, date, nationality, number, issuer)

    scorer = Scorer()
    documents = [("N 123-456", "KHM", "N123456", ""), ("N123456", "KHM", "N123456", "THA"), ("A1", "KHM", "B2", "KHM")]
    for number_a, issuer_a, number_b, issuer_b in documents:
        for sex_a, sex_b in (("M", "M"), ("M", "F"), ("X", "F")):
            a = traveller(left, sex_a, "khm", number_a, issuer_a)
            b = traveller(right, sex_b, "KHM", number_b, issuer_b)
            for x, y in ((a, b), (b, a)):
                match, bound = scorer.score(x, y), scorer.bound(x, y)
                assert bound.weight >= match.weight - 1e-9, (match.level("birth_date"), match.level("document"))
                assert bound.same_document or match.level("document") != "exact"
