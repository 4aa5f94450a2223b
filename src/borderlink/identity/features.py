"""What the batch linker sees of a crossing: columns precomputed from its name forms, dates and document.

Splink compares columns with SQL, and SQL knows nothing of romanisation, so every form of a name is
worked out here once per distinct name (``compare.prepared_names``: spellings, word orders, phonetic
key sets) and handed over as arrays, with the birth date in parts, sex, nationality, the normalised
document and the blocking keys of ``identity.blocking``. ``engine`` turns the comparisons of
:data:`TRAVELLER_PROFILE` into SQL over these columns.

Romanising a name the first time costs milliseconds (Khmer tens), so the name columns of every
distinct name are kept in a file beside the models (:class:`NameColumns`): ``train`` computes them and
``cluster`` reads them back, computing only names it has not seen. The file's name carries a
fingerprint of the romanisers (their source and package versions), so a changed romaniser starts a
new file instead of reusing stale forms.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
from collections import Counter
from collections.abc import Sequence
from itertools import combinations
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from borderlink.identity import compare
from borderlink.identity.compare import Traveller, normalise_document_number, prepared_names
from borderlink.identity.engine import Block, Field, Profile
from borderlink.values import names as names_module

__all__ = ["MAX_BLOCK", "TRAVELLER_PROFILE", "NameColumns", "identical_levels", "traveller_columns"]

#: Blocking keys held by more distinct travellers than this are dropped for batch linking (NGUYEN
#: born 1990): every record carries several rarer keys, and one common key would make a quadratic block.
#: Measured on 988,275 synthetic crossings (295,419 distinct): 14.3 million candidate pairs at 200,
#: 8.7 million at 50, keeping 292,575 of the 292,639 true pairs (292,608 at 200); scoring took 129 s
#: at 200 and 77 s at 50 (docs/identity.md).
MAX_BLOCK = 50

TRAVELLER_PROFILE = Profile(
    name="crossings",
    link_type="dedupe_only",
    fields=(
        Field("name", "traveller_name"),
        Field("birth_date", "traveller_birth_date"),
        Field("sex", "category"),
        Field("nationality", "category"),
        # A document shared by two people must be flagged, not merged: its weight is capped as in
        # the real-time model (score.Model.document_cap).
        Field("document", "document", cap=6.0),
    ),
    blocking=(Block(("block_keys",), explode=("block_keys",)),),
    # EM inside blocks where matches are neither rare nor all: the same birth date (trains name, sex,
    # nationality, document) and the same document (trains the rest). Not the same written name: at a
    # million crossings NGUYEN VAN AN is thousands of people, and EM then took "same name, another
    # birth date" for a match (m of a different birth date 0.39 instead of 0.005).
    training=(Block(("birth_date",)), Block(("document_number",))),
    deterministic=(Block(("document_number", "birth_date")), Block(("name_written", "birth_date", "sex"))),
    recall=0.8,
)

_NAME_FIELDS: tuple[tuple[str, pa.DataType], ...] = (
    ("name_written", pa.string()),
    ("name_native", pa.string()),
    ("name_spellings", pa.list_(pa.string())),
    ("name_orders", pa.list_(pa.string())),
    ("name_keysets", pa.list_(pa.string())),
    ("name_keyset_lists", pa.list_(pa.list_(pa.string()))),
    ("name_keys", pa.list_(pa.string())),
    ("name_fuzzy", pa.list_(pa.string())),
)
_NAMES = tuple(name for name, _ in _NAME_FIELDS)
_SCHEMA = pa.schema(
    [
        ("unique_id", pa.int64()),
        *_NAME_FIELDS,
        ("birth_date", pa.string()),
        ("birth_year", pa.int32()),
        ("birth_month", pa.int32()),
        ("birth_day", pa.int32()),
        ("birth_complete", pa.bool_()),
        ("sex", pa.string()),
        ("nationality", pa.string()),
        ("document_number", pa.string()),
        ("document_issuer", pa.string()),
        ("block_keys", pa.list_(pa.string())),
    ]
)
NameKey = tuple[str, str, str]


def _name_values(family: str, given: str, native: str) -> tuple[Any, ...]:
    """The name columns of one name, in ``_NAMES`` order."""
    names = prepared_names(family, given, native)
    return (
        names.written or None,
        names.native or None,
        sorted(names.spellings),
        sorted(" ".join(words) for words in names.ordered),
        sorted(" ".join(sorted(keys)) for keys in names.keysets),
        sorted(sorted(keys) for keys in names.keysets),
        sorted(names.keys),
        list(names.fuzzy),
    )


_ROMANISER_PACKAGES = (
    "pythainlp", "khmer-latin-name-transformer", "laonlp", "anyascii", "myanmartools", "python-myanmar",
)  # fmt: skip


def _fingerprint() -> str:
    """A hash of the romanisers' source and package versions: name columns are valid for these only."""
    digest = hashlib.sha256()
    sources = [Path(names_module.__file__), Path(compare.__file__)]
    sources += sorted((Path(names_module.__file__).parent / "romanise").glob("*.py"))
    for path in sources:
        digest.update(path.read_bytes())
    for package in (
        "pythainlp",
        "khmer-latin-name-transformer",
        "laonlp",
        "anyascii",
        "myanmartools",
        "python-myanmar",
    ):
        try:
            digest.update(f"{package}={importlib.metadata.version(package)}".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{package}=none".encode())
    return digest.hexdigest()[:12]


class NameColumns:
    """The name columns of every distinct name seen, optionally kept in a Parquet file in ``folder``."""

    def __init__(self, folder: Path | None = None) -> None:
        """Read the file for the current romanisers from ``folder`` if there is one (no file: no keeping)."""
        self.path = None if folder is None else Path(folder) / f"name-columns-{_fingerprint()}.parquet"
        self.known: dict[NameKey, tuple[Any, ...]] = {}
        self.added = 0
        if self.path is not None and self.path.exists():
            data = pq.read_table(self.path).to_pydict()
            keys = zip(data["family"], data["given"], data["native"], strict=True)
            values = zip(*(data[name] for name in _NAMES), strict=True)
            self.known = dict(zip(keys, values, strict=True))

    def get(self, traveller: Traveller) -> tuple[Any, ...]:
        """The name columns of a traveller's name (computed on first sight)."""
        key = (traveller.family, traveller.given, traveller.native)
        values = self.known.get(key)
        if values is None:
            values = self.known[key] = _name_values(*key)
            self.added += 1
        return values

    def save(self) -> None:
        """Write the file again when names were added (nothing to do without a folder)."""
        if self.path is None or not self.added:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keys = list(self.known)
        columns: dict[str, list[Any]] = {
            "family": [k[0] for k in keys],
            "given": [k[1] for k in keys],
            "native": [k[2] for k in keys],
        }
        rows = list(self.known.values())
        for position, name in enumerate(_NAMES):
            columns[name] = [row[position] for row in rows]
        schema = pa.schema([("family", pa.string()), ("given", pa.string()), ("native", pa.string()), *_NAME_FIELDS])
        partial = self.path.with_suffix(".partial")
        pq.write_table(pa.Table.from_pydict(columns, schema=schema), partial)
        partial.replace(self.path)
        self.added = 0


def _blocking_keys(traveller: Traveller, names: tuple[Any, ...] | None) -> set[str]:
    """``blocking.blocking_keys`` worked out from the name columns (no second romanisation).

    ``tests/identity/test_engine.py`` checks that both give the same keys.
    """
    keys: set[str] = set()
    number = normalise_document_number(traveller.document_number)
    if number:
        keys.add(f"doc:{(traveller.document_issuer or '').upper()}:{number}")
    birth = traveller.birth_date
    year = str(birth.year) if birth else "?"
    if names is not None:
        native, keysets, name_keys = names[1], names[5], names[6]
        keys.update(f"name:{key}:{year}" for key in name_keys)
        for keyset in keysets:
            keys.update(f"pair:{x}|{y}" for x, y in combinations(sorted(keyset), 2))
        if native:
            keys.update(f"native:{word}:{year}" for word in native.split())
    if birth is not None and birth.is_complete and traveller.sex in ("M", "F"):
        low, high = sorted((birth.month or 0, birth.day or 0))
        keys.add(f"dob:{birth.year}:{low:02d}{high:02d}:{traveller.sex}")
    return keys


def traveller_columns(
    travellers: Sequence[Traveller], max_block: int = MAX_BLOCK, names: NameColumns | None = None
) -> pa.Table:
    """The Splink input table of ``travellers``: one row each, ``unique_id`` its position in the list.

    Blocking keys held by more than ``max_block`` of the travellers are left out (see :data:`MAX_BLOCK`).
    ``names`` keeps the name columns of names already seen (a fresh, unkept one by default).
    """
    names = names or NameColumns()
    rows = []
    keys = []
    for position, traveller in enumerate(travellers):
        row: dict[str, Any] = {"unique_id": position}
        name_values = names.get(traveller) if traveller.has_name else None
        row.update(zip(_NAMES, name_values or (None,) * len(_NAMES), strict=True))
        birth = traveller.birth_date
        if birth is not None:
            row.update(
                birth_date=str(birth),
                birth_year=birth.year,
                birth_month=birth.month,
                birth_day=birth.day,
                birth_complete=birth.is_complete,
            )
        row["sex"] = traveller.sex if traveller.sex in ("M", "F") else None
        row["nationality"] = (traveller.nationality or "").upper() or None
        row["document_number"] = normalise_document_number(traveller.document_number) or None
        row["document_issuer"] = (traveller.document_issuer or "").upper() or None
        rows.append(row)
        keys.append(_blocking_keys(traveller, name_values))
    counts = Counter(k for ks in keys for k in ks)
    for row, ks in zip(rows, keys, strict=True):
        row["block_keys"] = sorted(k for k in ks if counts[k] <= max_block)
    return pa.Table.from_pylist(rows, schema=_SCHEMA)


def identical_levels(traveller: Traveller) -> dict[str, str]:
    """The level each comparison gives a traveller compared with an identical copy (``missing`` if unknown)."""
    birth = traveller.birth_date
    return {
        "name": "exact" if traveller.has_name else "missing",
        "birth_date": "missing" if birth is None else ("exact" if birth.is_complete else "year_only"),
        "sex": "exact" if traveller.sex in ("M", "F") else "missing",
        "nationality": "exact" if traveller.nationality else "missing",
        "document": "exact" if normalise_document_number(traveller.document_number) else "missing",
    }
