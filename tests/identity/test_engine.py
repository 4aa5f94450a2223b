"""The Splink engine: the project's comparison levels in SQL, training, versioned models, Spark."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from borderlink.identity import clustering
from borderlink.identity.blocking import blocking_keys
from borderlink.identity.compare import Traveller, compare
from borderlink.identity.engine import M_FLOOR, Block, Session, TrainedModel, blank_model
from borderlink.identity.evaluate import pairwise
from borderlink.identity.features import TRAVELLER_PROFILE, NameColumns, traveller_columns
from borderlink.identity.models import LinkDecision
from borderlink.values.dates import PartialDate


def _t(family: str = "", given: str = "", native: str = "", birth: str | None = "1990-03-15", **kw: Any) -> Traveller:
    values: dict[str, Any] = {"sex": "M", "nationality": "KHM", **kw}
    return Traveller(family, given, native, birth_date=PartialDate.parse(birth) if birth else None, **values)


#: Pairs of one traveller recorded differently, each expected in one level of its comparison.
PAIRS: list[tuple[str, str, Traveller, Traveller]] = [
    ("name", "exact", _t("NGUYỄN", "THỊ LAN"), _t("NGUYEN", "THI LAN")),
    ("name", "romanisation", _t("SOK", "DARA"), _t(native="សុខ ដារ៉ា")),
    ("name", "reordered", _t("SOK", "DARA"), _t("DARA", "SOK")),
    ("name", "phonetic", _t("SOK", "DARA"), _t("SOKH", "DARA")),
    ("name", "token_subset", _t("NGUYEN", "THI LAN"), _t("LAN", "NGUYEN")),
    ("name", "fuzzy", _t("CHANTHAVONG", "SOUKSAVANH"), _t("CHANTHAVONG", "SOUKSAVAHN")),
    ("name", "different", _t("SOK", "DARA"), _t("KIM", "CHENDA")),
    ("birth_date", "swapped_day_month", _t("SOK", "DARA", birth="1998-03-05"), _t("SOK", "DARA", birth="1998-05-03")),
    ("birth_date", "one_digit", _t("SOK", "DARA", birth="1998-03-05"), _t("SOK", "DARA", birth="1998-03-06")),
    ("birth_date", "year_only", _t("SOK", "DARA", birth="1998"), _t("SOK", "DARA", birth="1998-03-05")),
    ("sex", "different", _t("SOK", "DARA"), _t("SOK", "DARA", sex="F")),
    ("sex", "missing", _t("SOK", "DARA"), _t("SOK", "DARA", sex=None)),
    (
        "document",
        "different",
        _t("SOK", "DARA", document_number="N0123", document_issuer="KHM"),
        _t("SOK", "DARA", document_number="N0123", document_issuer="THA"),
    ),
    (
        "document",
        "exact",
        _t("SOK", "DARA", document_number="N 0123", document_issuer="KHM"),
        _t("SOK", "DARA", document_number="n0123", document_issuer=None),
    ),
]


def test_it_puts_each_pair_in_the_level_the_real_time_comparison_gives() -> None:
    travellers = [t for _, _, a, b in PAIRS for t in (a, b)]
    # Every pair is compared (one block per pair), with a model in which no level weighs anything.
    profile = replace(TRAVELLER_PROFILE, blocking=(Block(("pair_id",)),))
    table = traveller_columns(travellers)
    table = table.append_column("pair_id", [[i // 2 for i in range(len(travellers))]])
    session = Session(profile, [table])
    try:
        session.use(blank_model(profile))
        edges = {edge.left // 2: edge for edge in session.edges(session.predict(0.0))}
    finally:
        session.close()
    assert len(edges) == len(PAIRS)
    for i, (comparison, level, a, b) in enumerate(PAIRS):
        expected = {c.comparison: str(c.level) for c in compare(a, b)}
        assert expected[comparison] == level, (comparison, a, b)
        got = {name: label for name, (label, _) in edges[i].levels.items()}
        assert got == expected, (a, b)


def test_it_keeps_name_columns_and_blocking_keys_as_the_real_time_index_has_them(tmp_path: Path) -> None:
    travellers = [t for _, _, a, b in PAIRS for t in (a, b)]
    names = NameColumns(tmp_path)
    table = traveller_columns(travellers, max_block=10**6, names=names).to_pylist()
    assert [set(row["block_keys"]) for row in table] == [set(blocking_keys(t)) for t in travellers]
    names.save()
    again = NameColumns(tmp_path)  # read back from its file: nothing romanised again
    assert traveller_columns(travellers, max_block=10**6, names=again).to_pylist() == table
    assert again.added == 0 and len(again.known) == len(names.known)
    assert list(tmp_path.glob("name-columns-*.parquet"))


def test_it_writes_the_comparisons_in_each_backend_dialect() -> None:
    duck = blank_model(TRAVELLER_PROFILE)
    spark = duck.settings_for(TRAVELLER_PROFILE, "spark")
    text = json.dumps(spark)
    assert spark["sql_dialect"] == "spark" and "arrays_overlap" in text and "list_has_any" not in text
    labels = [[level["label_for_charts"] for level in c["comparison_levels"]] for c in spark["comparisons"]]
    assert labels[0] == ["missing", "exact", "romanisation", "reordered", "phonetic", "token_subset", "fuzzy",
                         "different"]  # fmt: skip
    assert labels[1] == ["missing", "exact", "swapped_day_month", "one_digit", "year_only", "different"]


def test_it_versions_a_model_by_its_content(tmp_path: Path) -> None:
    model = blank_model(TRAVELLER_PROFILE)
    path = model.save(tmp_path)
    assert path.name == f"{model.version}.json" and model.version.startswith("identity-")
    again = TrainedModel.load(path)
    assert again.version == model.version
    data = json.loads(path.read_text(encoding="utf-8"))
    data["splink"]["comparisons"][0]["comparison_levels"][1]["m_probability"] = 0.9
    with pytest.raises(ValueError, match="does not match its version"):
        TrainedModel.from_dict(data)
    data.pop("version")
    assert TrainedModel.from_dict(data).version != model.version
    with pytest.raises(ValueError, match="format"):
        TrainedModel.from_dict({**data, "format": "borderlink.identity.splink/2"})


def _synthetic_travellers(tmp_path: Path, persons: int) -> tuple[list[Traveller], list[str]]:
    from borderlink.ingest.catalogue import get_mapping
    from borderlink.ingest.services import read_file
    from borderlink.synth.generate import generate

    summary = generate(persons=persons, days=20, seed=5, out_dir=tmp_path)
    rows = [row for s, p in summary.files.items() for row in read_file(get_mapping(s), p.read_bytes()).rows]
    with summary.truth.open(encoding="utf-8") as handle:
        truth = {r["record_id"]: r["person_id"] for r in csv.DictReader(handle)}
    return [Traveller.from_row(row) for row in rows], [truth[row[0]] for row in rows]


@pytest.mark.django_db
@pytest.mark.slow
def test_it_trains_with_em_floors_rare_levels_and_caps_the_document(tmp_path: Path) -> None:
    travellers, persons = _synthetic_travellers(tmp_path, 200)
    session = Session(TRAVELLER_PROFILE, [traveller_columns(travellers)])
    try:
        model = session.train(max_pairs=2e5)
        clusters = session.query(
            f"select unique_id, cluster_id from {session.cluster(session.predict(0.9), 0.9).physical_name}"
        )
    finally:
        session.close()
    assert 0 < model.prior < 0.05
    assert all(p.m is not None and p.m >= M_FLOOR * 0.9 and p.u for p in model.parameters)
    assert model.weight("document", "exact") == pytest.approx(6.0)
    assert model.weight("name", "exact") > 5 and model.weight("birth_date", "different") < -3
    found = {int(r["unique_id"]): r["cluster_id"] for r in clusters}
    assert pairwise(found, dict(enumerate(persons))).f1 > 0.97


@pytest.mark.django_db
@pytest.mark.spark
@pytest.mark.slow
def test_it_trains_and_clusters_on_spark(tmp_path: Path, settings: Any) -> None:
    """The same commands on Splink's Spark backend (local Spark, Java 17)."""
    import borderlink.jobs.handlers  # noqa: F401
    from borderlink.ingest.catalogue import get_mapping
    from borderlink.ingest.services import import_file
    from borderlink.synth.generate import generate

    settings.DATA_DIR = tmp_path / "var"
    summary = generate(persons=60, days=15, seed=8, out_dir=tmp_path / "synth")
    for source, path in summary.files.items():
        import_file(get_mapping(source), path.read_bytes(), path.name)
    model = clustering.train_model("spark", max_pairs=1e5)
    assert model.trained["backend"] == "spark"
    result = clustering.recluster(model, "spark")
    assert result.backend == "spark" and result.written == LinkDecision.objects.filter(current=True).count()
    with summary.truth.open(encoding="utf-8") as handle:
        truth = {r["record_id"]: r["person_id"] for r in csv.DictReader(handle)}
    found = dict(LinkDecision.objects.filter(current=True).values_list("crossing__uid", "person_id"))
    assert pairwise(found, {uid: truth[uid] for uid in found}).f1 > 0.95
    assert set(LinkDecision.objects.filter(current=True).values_list("model_version", flat=True)) == {model.version}
