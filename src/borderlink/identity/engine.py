"""Batch linking with Splink: Fellegi-Sunter trained by EM, on DuckDB or on Spark.

This is the only module that imports Splink (DESIGN.md section 2). It knows two things: how a
comparison of the project (the levels of ``identity.compare``) is written as Splink SQL in each backend's
dialect, and how to train, save, load and apply a model. What the records are (crossings, FEBRL) and
what is done with the links (decisions, evaluation) belongs to the callers: they hand over columns
(``dict`` of equal-length lists) and a :class:`Profile` that names the comparisons and blocking rules.

Training follows Splink's recipe (reference/er_anchors.md): the prior from deterministic rules and an
assumed recall, u from random pairs, m by expectation-maximisation inside blocking rules. A trained
model is saved as JSON with a version made of its content hash, so each automatic decision can say
which model made it. The saved model keeps the m and u of each level by comparison and level name,
so a model trained on DuckDB is applied on Spark (or the other way) by rebuilding the comparisons in
that backend's dialect and copying the parameters over.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import math
import tempfile
import time
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import splink
import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on

__all__ = [
    "BACKENDS",
    "MODEL_FORMAT",
    "Block",
    "Edge",
    "Field",
    "Profile",
    "Session",
    "TrainedModel",
    "blank_model",
    "open_session",
    "spark_session",
    "train",
]

Backend = Literal["duckdb", "spark"]
BACKENDS: tuple[str, ...] = ("duckdb", "spark")
#: The format of a saved model; another major version is refused when loading.
MODEL_FORMAT = "borderlink.identity.splink/1"
#: Records as columns: a mapping of equal-length lists, or a pyarrow Table (which keeps exact types).
Columns = Mapping[str, Sequence[Any]] | Any


@dataclass(frozen=True)
class Field:
    """One comparison of a profile: the column (or column family) compared and how.

    ``kind`` names the comparison: ``exact``; ``name`` (Splink's name comparison: exact, Jaro-Winkler
    0.92 / 0.88 / 0.7); ``string`` (exact, Jaro-Winkler 0.9 / 0.7); ``code`` (exact, Levenshtein 1 / 2);
    ``date`` (Splink's date-of-birth comparison on ``YYYYMMDD`` text); and the project's own levels
    (those of ``identity.compare``): ``category`` (missing, exact, different), ``traveller_name``,
    ``traveller_birth_date`` and ``document``, over the columns that
    :func:`borderlink.identity.clustering.traveller_columns` precomputes.
    ``cap`` bounds the weight of any level in bits (a shared document must not merge on its own).
    """

    column: str
    kind: str
    tf: bool = False
    cap: float | None = None


@dataclass(frozen=True)
class Block:
    """A blocking rule: records are compared when all ``columns`` agree (arrays in ``explode`` exploded)."""

    columns: tuple[str, ...]
    explode: tuple[str, ...] = ()


@dataclass(frozen=True)
class Profile:
    """What a model compares and how it finds candidate pairs, independent of the backend."""

    name: str
    link_type: Literal["dedupe_only", "link_only"]
    fields: tuple[Field, ...]
    #: Rules that propose the pairs to score.
    blocking: tuple[Block, ...]
    #: Rules inside which EM estimates m (each leaves out the comparisons it blocks on).
    training: tuple[Block, ...]
    #: Rules that admit (almost) only true matches, with the share of matches they are thought to find.
    deterministic: tuple[Block, ...]
    recall: float
    unique_id: str = "unique_id"


# --- the project's comparisons in each dialect ----------------------------------------------------------

#: Array and string functions that differ between DuckDB and Spark SQL.
_SQL: dict[str, dict[str, str]] = {
    "duckdb": {
        "overlap": "list_has_any({a}, {b})",
        "subset": "list_bool_or(list_transform({sets}, lambda ks: list_has_all({keys}, ks)))",
        "best_ratio": (
            "list_max(list_transform({a}, lambda x: list_max(list_transform({b}, lambda y: "
            "1.0 - levenshtein(x, y) / greatest(length(x), length(y), 1)))))"
        ),
    },
    "spark": {
        "overlap": "arrays_overlap({a}, {b})",
        "subset": "exists({sets}, ks -> forall(ks, k -> array_contains({keys}, k)))",
        "best_ratio": (
            "array_max(transform({a}, x -> array_max(transform({b}, y -> "
            "1.0 - levenshtein(x, y) / greatest(length(x), length(y), 1)))))"
        ),
    },
}
#: Best spellings at least this alike (1 - Levenshtein distance / length) are a ``fuzzy`` name agreement,
#: the SQL counterpart of ``compare.FUZZY_THRESHOLD`` (difflib's ratio, which SQL engines lack).
FUZZY_RATIO = 0.85


def _traveller_name(dialect: str) -> Any:
    """The name levels of ``compare.compare_names`` over precomputed arrays of forms and keys."""
    sql = _SQL[dialect]

    def overlap(column: str) -> str:
        return sql["overlap"].format(a=f"{column}_l", b=f"{column}_r")

    subset = " OR ".join(
        sql["subset"].format(sets=f"name_keyset_lists_{x}", keys=f"name_keys_{y}") for x, y in (("l", "r"), ("r", "l"))
    )
    ratio = sql["best_ratio"].format(a="name_fuzzy_l", b="name_fuzzy_r")
    return cl.CustomComparison(
        output_column_name="name",
        comparison_description="names across scripts: sets of romanisations, orders and phonetic keys",
        comparison_levels=[
            cll.CustomLevel("name_keys_l IS NULL OR name_keys_r IS NULL", "missing").configure(is_null_level=True),
            cll.CustomLevel("name_written_l = name_written_r OR name_native_l = name_native_r", "exact"),
            cll.CustomLevel(overlap("name_spellings"), "romanisation"),
            cll.CustomLevel(overlap("name_orders"), "reordered"),
            cll.CustomLevel(overlap("name_keysets"), "phonetic"),
            cll.CustomLevel(subset, "token_subset"),
            cll.CustomLevel(f"{ratio} >= {FUZZY_RATIO}", "fuzzy"),
            cll.ElseLevel().configure(label_for_charts="different"),
        ],
    )


def _traveller_birth_date() -> Any:
    """The levels of ``compare.compare_birth_dates`` over year, month, day and the ISO text."""
    both = "birth_complete_l AND birth_complete_r"
    return cl.CustomComparison(
        output_column_name="birth_date",
        comparison_description="birth dates, partial ones included",
        comparison_levels=[
            cll.CustomLevel("birth_year_l IS NULL OR birth_year_r IS NULL", "missing").configure(is_null_level=True),
            cll.CustomLevel(f"{both} AND birth_date_l = birth_date_r", "exact"),
            cll.CustomLevel(
                f"{both} AND birth_year_l = birth_year_r AND birth_month_l = birth_day_r "
                "AND birth_day_l = birth_month_r",
                "swapped_day_month",
            ),
            cll.CustomLevel(f"{both} AND levenshtein(birth_date_l, birth_date_r) = 1", "one_digit"),
            cll.CustomLevel(
                "birth_year_l = birth_year_r AND (birth_month_l IS NULL OR birth_month_r IS NULL "
                f"OR birth_month_l = birth_month_r OR ({both}))",
                "year_only",
            ),
            cll.ElseLevel().configure(label_for_charts="different"),
        ],
    )


def _document() -> Any:
    """The levels of ``compare.compare_documents``: the same number from the same or an unknown issuer."""
    return cl.CustomComparison(
        output_column_name="document",
        comparison_description="document number and issuing state",
        comparison_levels=[
            cll.CustomLevel("document_number_l IS NULL OR document_number_r IS NULL", "missing").configure(
                is_null_level=True
            ),
            cll.CustomLevel(
                "document_number_l = document_number_r AND (document_issuer_l IS NULL "
                "OR document_issuer_r IS NULL OR document_issuer_l = document_issuer_r)",
                "exact",
            ),
            cll.ElseLevel().configure(label_for_charts="different"),
        ],
    )


def _category(column: str) -> Any:
    """Exact agreement of a code (sex, nationality), labelled as ``identity.compare`` labels it."""
    return cl.CustomComparison(
        output_column_name=column,
        comparison_description=f"{column}: the same code or not",
        comparison_levels=[
            cll.NullLevel(column).configure(label_for_charts="missing"),
            cll.ExactMatchLevel(column).configure(label_for_charts="exact"),
            cll.ElseLevel().configure(label_for_charts="different"),
        ],
    )


def _comparison(item: Field, dialect: str) -> Any:
    """The Splink comparison of one field in one dialect."""
    column = item.column
    comparison: Any
    if item.kind == "traveller_name":
        return _traveller_name(dialect)
    if item.kind == "traveller_birth_date":
        return _traveller_birth_date()
    if item.kind == "document":
        return _document()
    if item.kind == "category":
        return _category(column)
    if item.kind == "exact":
        comparison = cl.ExactMatch(column)
    elif item.kind == "name":
        comparison = cl.NameComparison(column)
    elif item.kind == "string":
        comparison = cl.JaroWinklerAtThresholds(column, [0.9, 0.7])
    elif item.kind == "code":
        comparison = cl.LevenshteinAtThresholds(column, [1, 2])
    elif item.kind == "date":
        comparison = cl.DateOfBirthComparison(column, input_is_string=True, datetime_format="%Y%m%d")
    else:
        raise ValueError(f"unknown comparison kind {item.kind!r}")
    return comparison.configure(term_frequency_adjustments=True) if item.tf else comparison


def _block(rule: Block) -> Any:
    return block_on(*rule.columns, arrays_to_explode=list(rule.explode) or None)


def _settings(profile: Profile, dialect: str) -> dict[str, Any]:
    """A fresh Splink settings dictionary of ``profile`` in ``dialect`` (untrained)."""
    creator = SettingsCreator(
        link_type=profile.link_type,
        unique_id_column_name=profile.unique_id,
        comparisons=[_comparison(item, dialect) for item in profile.fields],
        blocking_rules_to_generate_predictions=[_block(rule) for rule in profile.blocking],
        retain_intermediate_calculation_columns=True,
        retain_matching_columns=False,
        linker_uid="borderlink",
    )
    return creator.get_settings(dialect).as_dict()


# --- trained models -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LevelParameters:
    """The m, u and weight (bits) of one level of one comparison."""

    comparison: str
    level: str
    m: float | None
    u: float | None

    @property
    def weight(self) -> float | None:
        """``log2(m / u)``; None when either is unknown (a null level, or no pair fell in it)."""
        if not self.m or not self.u:
            return None
        return math.log2(self.m / self.u)


def _levels(settings: Mapping[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for comparison in settings["comparisons"]:
        for level in comparison["comparison_levels"]:
            yield comparison["output_column_name"], level


@dataclass
class TrainedModel:
    """A trained Splink model of one profile, with its version (a hash of its parameters)."""

    profile: str
    settings: dict[str, Any]
    trained: dict[str, Any] = field(default_factory=dict)

    @property
    def prior(self) -> float:
        """The chance that two records taken at random are of the same entity (lambda)."""
        return float(self.settings["probability_two_random_records_match"])

    @property
    def prior_weight(self) -> float:
        """The prior in bits, ``log2(lambda / (1 - lambda))``."""
        return math.log2(self.prior / (1 - self.prior))

    @property
    def parameters(self) -> list[LevelParameters]:
        """Every non-null level with its m and u, strongest level of each comparison first."""
        return [
            LevelParameters(name, level["label_for_charts"], level.get("m_probability"), level.get("u_probability"))
            for name, level in _levels(self.settings)
            if not level.get("is_null_level")
        ]

    @functools.cached_property
    def _weights(self) -> dict[tuple[str, str], float]:
        # Worked out once: re-clustering asks for a weight per distinct traveller.
        return {(p.comparison, p.level): p.weight or 0.0 for p in self.parameters}

    def weight(self, comparison: str, level: str) -> float:
        """The weight in bits of one level (0 for an unknown or null level)."""
        return self._weights.get((comparison, level), 0.0)

    @property
    def version(self) -> str:
        """``identity-<12 hex digits>``: the hash of the profile and every parameter, so equal models share it."""
        content = {
            "profile": self.profile,
            "prior": self.prior,
            "levels": [
                [name, level["label_for_charts"], level.get("sql_condition"), level.get("m_probability"),
                 level.get("u_probability")]
                for name, level in _levels(self.settings)
            ],
        }  # fmt: skip
        digest = hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()
        return f"identity-{digest[:12]}"

    def to_dict(self) -> dict[str, Any]:
        """The model as JSON-ready data: format, version, profile, training facts and Splink's settings."""
        return {
            "format": MODEL_FORMAT,
            "version": self.version,
            "profile": self.profile,
            "trained": self.trained,
            "splink": self.settings,
        }

    def save(self, folder: Path) -> Path:
        """Write the model to ``folder/<version>.json`` (same content, same file) and return the path."""
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{self.version}.json"
        path.write_text(json.dumps(self.to_dict(), indent=2, sort_keys=True, default=str) + "\n", encoding="utf-8")
        return path

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TrainedModel:
        """Rebuild a model from :meth:`to_dict` data; refuses another format and a tampered version."""
        fmt = str(data.get("format", ""))
        name, _, version = fmt.partition("/")
        expected_name, _, major = MODEL_FORMAT.partition("/")
        if name != expected_name or version.split(".")[0] != major:
            raise ValueError(f"model format {fmt!r} is not {MODEL_FORMAT!r}")
        model = cls(profile=str(data["profile"]), settings=dict(data["splink"]), trained=dict(data.get("trained", {})))
        if data.get("version") and data["version"] != model.version:
            raise ValueError(f"model content does not match its version {data['version']!r}")
        return model

    @classmethod
    def load(cls, path: Path) -> TrainedModel:
        """Read a model saved by :meth:`save`."""
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))

    def settings_for(self, profile: Profile, dialect: str) -> dict[str, Any]:
        """Splink settings of ``profile`` in ``dialect`` carrying this model's prior, m and u.

        The comparisons are rebuilt in the dialect asked for and the parameters copied by comparison
        and level name, so a model trained on one backend runs on another.
        """
        if profile.name != self.profile:
            raise ValueError(f"the model is of profile {self.profile!r}, not {profile.name!r}")
        if dialect == self.settings.get("sql_dialect"):
            return json.loads(json.dumps(self.settings))
        fresh = _settings(profile, dialect)
        trained = {(name, level["label_for_charts"]): level for name, level in _levels(self.settings)}
        for name, level in _levels(fresh):
            source = trained.get((name, level["label_for_charts"]))
            if source is None:
                raise ValueError(f"the model has no level {name}/{level['label_for_charts']}")
            for key in ("m_probability", "u_probability"):
                if key in source:
                    level[key] = source[key]
        fresh["probability_two_random_records_match"] = self.prior
        return fresh


#: The least m of a level: EM finds some levels (a sex that differs, a one-digit slip in a birth date)
#: in no match of synthetic data, and an m of 0 would let one slip veto a match (as score._M_FLOOR).
M_FLOOR = 0.005
#: The least u of a level no random pair fell in, so that its weight stays finite.
U_FLOOR = 1e-6


def _floor(settings: dict[str, Any]) -> None:
    """Give unobserved or vanishing levels a small m (and u), renormalising m within each comparison."""
    for comparison in settings["comparisons"]:
        levels = [level for level in comparison["comparison_levels"] if not level.get("is_null_level")]
        for level in levels:
            level["m_probability"] = max(float(level.get("m_probability") or 0.0), M_FLOOR)
            level["u_probability"] = max(float(level.get("u_probability") or 0.0), U_FLOOR)
        total = sum(level["m_probability"] for level in levels)
        for level in levels:
            level["m_probability"] /= total


def blank_model(profile: Profile, dialect: str = "duckdb") -> TrainedModel:
    """A model of ``profile`` in which every level weighs nothing (m = u): to see which level pairs fall in."""
    settings = _settings(profile, dialect)
    for _, level in _levels(settings):
        if not level.get("is_null_level"):
            level["m_probability"] = level["u_probability"] = 0.5
    settings["probability_two_random_records_match"] = 0.5
    return TrainedModel(profile=profile.name, settings=settings)


def _cap(settings: dict[str, Any], profile: Profile) -> None:
    """Bound the weight of capped comparisons: u raised so that no level weighs more than the cap."""
    caps = {_CUSTOM.get(item.kind, item.column): item.cap for item in profile.fields}
    for name, level in _levels(settings):
        cap = caps.get(name)
        m, u = level.get("m_probability"), level.get("u_probability")
        if cap is not None and m and u and math.log2(m / u) > cap:
            level["u_probability"] = m / 2**cap


#: The output column of the project's own comparisons, whatever the field's column says.
_CUSTOM = {"traveller_name": "name", "traveller_birth_date": "birth_date", "document": "document"}


# --- sessions: one backend, its tables and the linker ---------------------------------------------------


@contextmanager
def _quiet() -> Iterator[None]:
    """Keep Splink's progress messages (and its warnings about unobserved levels) out of the output.

    The levels it warns about get :data:`M_FLOOR`; ``borderlink identity train`` prints every m and u.
    """
    splink_logger = logging.getLogger("splink")
    level = splink_logger.level
    splink_logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        splink_logger.setLevel(level)


@dataclass(frozen=True)
class Edge:
    """A scored pair: both ids, match probability and weight, and the level and weight of each comparison."""

    left: Any
    right: Any
    probability: float
    weight: float
    levels: dict[str, tuple[str, float]]
    extra: dict[str, Any] = field(default_factory=dict)


def spark_session() -> Any:
    """A local Spark session for Splink (both cores, Splink's similarity functions, quiet logs)."""
    from pyspark.sql import SparkSession
    from splink.backends.spark import similarity_jar_location

    spark = (
        SparkSession.builder.master("local[2]")
        .appName("borderlink-identity")
        .config("spark.jars", similarity_jar_location())
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.default.parallelism", "4")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", "2g")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    spark.sparkContext.setCheckpointDir(tempfile.mkdtemp(prefix="borderlink-spark-"))
    return spark


class Session:
    """One backend holding the records of one profile, with a Splink linker over them.

    DuckDB runs in memory in this process; Spark runs on the session :func:`spark_session` gives (or
    one passed in). The records are registered once; training, prediction and clustering reuse them.
    """

    def __init__(self, profile: Profile, tables: Sequence[Columns], backend: str = "duckdb", spark: Any = None) -> None:
        """Register ``tables`` (one for deduplication, two for linking) on ``backend``."""
        if backend not in BACKENDS:
            raise ValueError(f"unknown backend {backend!r}: choose one of {', '.join(BACKENDS)}")
        self.profile = profile
        self.backend = backend
        self.db_api: Any
        if backend == "spark":
            from splink.backends.spark import SparkAPI

            self.db_api = SparkAPI(spark_session=spark or spark_session())
        else:
            self.db_api = DuckDBAPI()
        # Names of their own: several sessions may share one Spark session, whose views outlive them.
        prefix = f"borderlink_{uuid.uuid4().hex[:8]}"
        self.tables = [
            self.db_api.register(dict(table) if isinstance(table, Mapping) else table, table_name=f"{prefix}_{i}")
            for i, table in enumerate(tables)
        ]
        first = tables[0]
        self.columns: list[str] = list(first.keys() if isinstance(first, Mapping) else first.column_names)
        self.dialect = "spark" if backend == "spark" else "duckdb"
        self.linker: Any = None

    def _linker(self, settings: dict[str, Any]) -> Any:
        return Linker(self.tables, settings, log_level=None)

    def train(self, *, max_pairs: float = 2e6, seed: int = 1) -> TrainedModel:
        """Train a model on the session's records: prior, u by random sampling, m by EM per training rule."""
        with _quiet():
            return self._train(max_pairs, seed)

    def _train(self, max_pairs: float, seed: int) -> TrainedModel:
        started = time.perf_counter()
        linker = self._linker(_settings(self.profile, self.dialect))
        training = linker.training
        training.estimate_probability_two_random_records_match(
            [_block(rule) for rule in self.profile.deterministic], recall=self.profile.recall
        )
        training.estimate_u_using_random_sampling(max_pairs=max_pairs, seed=seed)
        for rule in self.profile.training:
            training.estimate_parameters_using_expectation_maximisation(_block(rule))
        settings = linker.misc.save_model_to_json()
        _floor(settings)
        _cap(settings, self.profile)
        self.linker = self._linker(settings)
        return TrainedModel(
            profile=self.profile.name,
            settings=settings,
            trained={
                "backend": self.backend,
                "records": sum(self.count(t) for t in range(len(self.tables))),
                "max_pairs": max_pairs,
                "seed": seed,
                "seconds": round(time.perf_counter() - started, 2),
                "splink": splink.__version__,
            },
        )

    def count(self, table: int) -> int:
        """How many records table ``table`` holds."""
        rows = self.query(f"select count(*) as n from {self.tables[table].physical_name}")
        return int(rows[0]["n"])

    def use(self, model: TrainedModel) -> None:
        """Apply ``model`` (trained here or elsewhere, on any backend) to this session's records."""
        self.linker = self._linker(model.settings_for(self.profile, self.dialect))

    def query(self, sql: str) -> list[dict[str, Any]]:
        """Run SQL against the backend and return the rows as dictionaries."""
        frame = (self.linker or self._linker(_settings(self.profile, self.dialect))).misc.query_sql(sql)
        rows: list[dict[str, Any]] = frame.as_record_list()
        frame.drop_table_from_database_and_remove_from_cache()
        return rows

    def predict(self, threshold: float) -> Any:
        """Score every blocked pair and keep those at or above ``threshold``: a backend table (SplinkDataFrame)."""
        if self.linker is None:
            raise RuntimeError("train a model or use() one first")
        with _quiet():
            return self.linker.inference.predict(threshold_match_probability=threshold, warning_mode="never")

    def cluster(self, predictions: Any, threshold: float) -> Any:
        """Connected components of the pairs at or above ``threshold``: a table of ``cluster_id`` per record."""
        with _quiet():
            return self.linker.clustering.cluster_pairwise_predictions_at_threshold(
                predictions, threshold_match_probability=threshold
            )

    def edges(self, predictions: Any, sql_filter: str = "") -> list[Edge]:
        """The scored pairs of ``predictions`` (optionally only those ``sql_filter`` keeps), with their levels."""
        where = f"where {sql_filter}" if sql_filter else ""
        return self.explain(f"select * from {predictions.physical_name} {where}")

    def explain(self, pairs_sql: str, extra: Sequence[str] = ()) -> list[Edge]:
        """Each pair a query returns, with the level and weight of every comparison.

        ``pairs_sql`` selects rows of Splink's predictions (``<id>_l``, ``<id>_r``, ``match_probability``,
        ``match_weight`` and the ``mw_`` columns), in any orientation; ``extra`` names more of its columns
        to keep in :attr:`Edge.extra`. Splink keeps no level names in its predictions unless it also
        keeps every compared value, so the levels are worked out again here, for these pairs only,
        from the model's own conditions.
        """
        uid = self.profile.unique_id
        settings = self.linker._settings_obj.as_dict()
        inputs = " union all ".join(f"select * from {table.physical_name}" for table in self.tables)
        sides = ", ".join(f"l.{c} as {c}_l, r.{c} as {c}_r" for c in self.columns if c != uid)
        weights = [c for c in self.columns_of_predictions(settings) if c not in extra]
        cases = []
        for comparison in settings["comparisons"]:
            whens = []
            otherwise = "''"
            for level in comparison["comparison_levels"]:
                label = "'" + level["label_for_charts"].replace("'", "''") + "'"
                if level["sql_condition"].strip().upper() == "ELSE":
                    otherwise = label
                else:
                    whens.append(f"WHEN {level['sql_condition']} THEN {label}")
            cases.append(f"CASE {' '.join(whens)} ELSE {otherwise} END as level_{comparison['output_column_name']}")
        keep = ", ".join([f"{uid}_l", f"{uid}_r", "match_probability", "match_weight", *weights, *extra])
        # CTE names of their own: Spark flattens the CTEs of ``pairs_sql`` into this query.
        sql = f"""
        with explain_pairs as ({pairs_sql}),
        explain_inputs as ({inputs}),
        explain_joined as (
            select p.*, {sides} from explain_pairs p
            join explain_inputs l on l.{uid} = p.{uid}_l
            join explain_inputs r on r.{uid} = p.{uid}_r
        )
        select {keep}, {", ".join(cases)} from explain_joined
        """
        edges = []
        for row in self.query(sql):
            levels = {
                name: (
                    str(row[f"level_{name}"]),
                    float(row.get(f"mw_{name}") or 0.0) + float(row.get(f"mw_tf_adj_{name}") or 0.0),
                )
                for name in (c["output_column_name"] for c in settings["comparisons"])
            }
            edges.append(
                Edge(row[f"{uid}_l"], row[f"{uid}_r"], float(row["match_probability"]), float(row["match_weight"]),
                     levels, {name: row[name] for name in extra})
            )  # fmt: skip
        return edges

    @staticmethod
    def columns_of_predictions(settings: Mapping[str, Any]) -> list[str]:
        """The weight columns of Splink's predictions: ``mw_<comparison>`` (and ``mw_tf_adj_`` with frequencies)."""
        columns = []
        for comparison in settings["comparisons"]:
            name = comparison["output_column_name"]
            columns.append(f"mw_{name}")
            if any(level.get("tf_adjustment_column") for level in comparison["comparison_levels"]):
                columns.append(f"mw_tf_adj_{name}")
        return columns

    def close(self) -> None:
        """Drop the session's tables: DuckDB's with its in-memory connection, Spark's as views."""
        if self.backend == "duckdb":
            self.db_api.duckdb_con.close()
            return
        for table in self.tables:
            self.db_api.spark.catalog.dropTempView(table.physical_name)


@contextmanager
def open_session(
    profile: Profile, tables: Sequence[Columns], backend: str = "duckdb", spark: Any = None
) -> Iterator[Session]:
    """A :class:`Session` closed on exit, for ``with`` blocks."""
    session = Session(profile, tables, backend, spark)
    try:
        yield session
    finally:
        session.close()


def train(
    profile: Profile, tables: Sequence[Columns], backend: str = "duckdb", *, max_pairs: float = 2e6, seed: int = 1
) -> TrainedModel:
    """Train a model of ``profile`` on ``tables`` with ``backend`` and return it."""
    with open_session(profile, tables, backend) as session:
        return session.train(max_pairs=max_pairs, seed=seed)
