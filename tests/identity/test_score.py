"""The Fellegi-Sunter scorer: explanations, the shared-document flag, JSON, EM training."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from borderlink.identity.compare import Level, Traveller
from borderlink.identity.score import (
    DEFAULT_MODEL,
    MODEL_VERSION,
    Model,
    Scorer,
    score,
    shared_document_conflict,
    train,
)
from borderlink.values.dates import PartialDate
from borderlink.values.names import TokenFrequencies

DARA = Traveller("SOK", "DARA", "សុខ ដារ៉ា", "M", PartialDate(1998, 3, 15), "KHM", "N01234567", "KHM")


def test_it_explains_each_fields_weight() -> None:
    other = Traveller("SOKH", "DARA", "", "M", PartialDate(1998, 3, 15), "KHM", "KBP828627", "KHM")
    match = score(DARA, other)
    fields = [line.comparison for line in match.explanation]
    assert fields == ["prior", "name", "birth_date", "sex", "nationality", "document"]
    assert match.probability > DEFAULT_MODEL.threshold
    assert match.weight == pytest.approx(sum(line.weight for line in match.explanation))
    by_field = {line.comparison: line for line in match.explanation}
    assert by_field["name"].level == "romanisation" and by_field["name"].weight > 0
    assert by_field["birth_date"].level == "exact" and by_field["birth_date"].weight > 0
    assert by_field["document"].level == "different" and by_field["document"].weight < 0
    assert "1998-03-15" in by_field["birth_date"].detail


def test_it_links_a_native_only_record_with_swapped_birth_date() -> None:
    border_pass = Traveller("", "", "សុខ ដារ៉ា", "M", PartialDate(1998, 5, 3), "KHM", "KBP828627", "KHM")
    passport = replace(DARA, birth_date=PartialDate(1998, 3, 5))
    match = score(border_pass, passport)
    assert match.level("birth_date") == Level.SWAPPED_DAY_MONTH
    assert match.probability > DEFAULT_MODEL.threshold


def test_it_keeps_two_people_on_one_document_apart_and_flags_them() -> None:
    impostor = Traveller("NGUYEN", "THI LAN", "", "F", PartialDate(1975, 11, 2), "KHM", "N0123 4567", "KHM")
    match = score(DARA, impostor)
    assert match.level("document") == Level.EXACT
    assert match.probability < DEFAULT_MODEL.threshold
    assert shared_document_conflict(DARA, impostor)
    assert not shared_document_conflict(DARA, replace(DARA, native=""))


def test_it_caps_the_document_weight() -> None:
    same_document = Traveller(document_number="N01234567", document_issuer="KHM")
    line = next(c for c in score(DARA, same_document).explanation if c.comparison == "document")
    assert line.weight == DEFAULT_MODEL.document_cap
    assert DEFAULT_MODEL.level_weight("document", "exact") > DEFAULT_MODEL.document_cap


def test_it_weighs_a_common_name_less_than_a_rare_one() -> None:
    corpus = TokenFrequencies(["NGUYEN VAN AN"] * 50 + ["TRAN THI HOA"] * 50 + ["CHANTHAVONG SOUK"])
    scorer = Scorer(frequencies=corpus)
    common = Traveller("NGUYEN", "VAN AN")
    rare = Traveller("CHANTHAVONG", "SOUK")
    assert scorer.score(common, common).weight < scorer.score(rare, rare).weight


def test_it_saves_and_loads_a_model_as_json(tmp_path: Path) -> None:
    model = replace(DEFAULT_MODEL, threshold=0.95, notes={"trained_on": "test"})
    path = tmp_path / "model.json"
    model.save(path)
    assert MODEL_VERSION in path.read_text(encoding="utf-8")
    loaded = Model.load(path)
    assert loaded == model
    assert score(DARA, DARA, loaded).probability == score(DARA, DARA, model).probability


def test_it_refuses_a_model_of_another_version() -> None:
    data = DEFAULT_MODEL.to_dict() | {"version": "someone-else/1"}
    with pytest.raises(ValueError, match="version"):
        Model.from_dict(data)


def test_it_learns_m_probabilities_by_em_from_unlabelled_pairs() -> None:
    people = [
        Traveller("SOK", "DARA", "", "M", PartialDate(1998, 3, 15), "KHM", "N01234567", "KHM"),
        Traveller("NGUYEN", "THI LAN", "", "F", PartialDate(1985, 7, 1), "VNM", "C1234567", "VNM"),
        Traveller("", "AUNG KYAW", "", "M", PartialDate(1979, 2, 9), "MMR", "MA123456", "MMR"),
        Traveller("SOMCHAI", "JAIDEE", "", "M", PartialDate(1990, 12, 30), "THA", "AA1234567", "THA"),
    ]
    pairs = []
    for person in people:
        pairs.append((person, person))
        pairs.append((person, replace(person, birth_date=PartialDate(person.birth_date.year))))  # type: ignore[union-attr]
    pairs += [(a, b) for a in people for b in people if a is not b]
    flat = replace(
        DEFAULT_MODEL, m={c: dict.fromkeys(levels, 1 / len(levels)) for c, levels in DEFAULT_MODEL.m.items()}
    )
    trained = train(pairs, flat, iterations=20, smoothing=0.01)
    assert trained.m["name"]["exact"] > 0.9
    assert trained.m["birth_date"]["year_only"] > trained.m["birth_date"]["different"]
    assert trained.u == flat.u
    assert 0.3 < trained.notes["em_match_share"] < 0.6
