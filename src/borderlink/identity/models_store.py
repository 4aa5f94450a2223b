"""The model real-time linking and person search score with: the one ``borderlink identity train`` saved last.

``identity train`` saves a Splink model under ``<DATA_DIR>/models`` and names it in
``identity-current.txt`` (``clustering.save_model``). Its m and u are those of the levels
``identity.compare`` gives (the batch comparisons are written level for level from them), so they
convert one to one into a :class:`~borderlink.identity.score.Model`, which keeps the batch model's
version: an automatic decision made in real time then names the same model as one made by
``identity cluster``. With no trained model, :data:`~borderlink.identity.score.DEFAULT_MODEL` is used.

The pointer file is read on every call (a few microseconds) and the model converted again only when
the pointer or the model file changed, so a worker picks up a model trained by another process on its
next linking batch, without a restart.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings

from borderlink.identity.compare import COMPARISONS, Level
from borderlink.identity.score import DEFAULT_MODEL, Model

if TYPE_CHECKING:
    from borderlink.identity.engine import TrainedModel

__all__ = ["CURRENT_POINTER", "TRAINED_THRESHOLD", "forget_model", "from_trained", "realtime_model"]

logger = logging.getLogger("borderlink.identity")

#: The file naming the model ``identity train`` saved last, in ``<DATA_DIR>/models`` (``clustering.save_model``).
CURRENT_POINTER = "identity-current.txt"
#: The decision threshold of a trained model in real time: the one ``identity cluster`` uses by default.
TRAINED_THRESHOLD = 0.9


def from_trained(trained: TrainedModel, threshold: float = TRAINED_THRESHOLD) -> Model:
    """The real-time model of a trained batch model: its prior, and the m and u of every level.

    The weights then are the batch model's to the bit, so a pair scores the same in real time as in
    ``identity cluster`` (but for the fuzzy name level, whose SQL stand-in differs, docs/identity.md).
    Raises ValueError for a model of another profile or with levels the real-time comparisons lack.
    """
    from borderlink.identity.features import TRAVELLER_PROFILE

    if trained.profile != TRAVELLER_PROFILE.name:
        raise ValueError(f"model {trained.version} is of profile {trained.profile!r}, not {TRAVELLER_PROFILE.name!r}")
    m: dict[str, dict[str, float]] = {}
    u: dict[str, dict[str, float]] = {}
    for level in trained.parameters:
        known = COMPARISONS.get(level.comparison)
        if known is None or level.level not in known or level.level == Level.MISSING:
            raise ValueError(f"model {trained.version} has a level {level.comparison}/{level.level} linking lacks")
        if level.m is None or level.u is None:
            continue  # never trained: weighs 0, as a missing value
        m.setdefault(level.comparison, {})[level.level] = float(level.m)
        u.setdefault(level.comparison, {})[level.level] = float(level.u)
    if set(m) != set(COMPARISONS):
        raise ValueError(f"model {trained.version} lacks comparisons {sorted(set(COMPARISONS) - set(m))}")
    caps = [item.cap for item in TRAVELLER_PROFILE.fields if item.kind == "document" and item.cap is not None]
    return Model(
        m=m,
        u=u,
        prior=trained.prior,
        threshold=threshold,
        document_cap=caps[0] if caps else DEFAULT_MODEL.document_cap,
        tf_cap=DEFAULT_MODEL.tf_cap,
        version=trained.version,
        notes={"source": "borderlink identity train", "trained": dict(trained.trained)},
    )


@dataclass(frozen=True)
class _Loaded:
    """The model read for one state of the files: the pointer's path and text, and the model file's stamp."""

    key: tuple[str, str, int, int]
    model: Model


_LOADED: _Loaded | None = None


def _pointer() -> Path:
    return Path(settings.DATA_DIR) / "models" / CURRENT_POINTER


def realtime_model() -> Model:
    """The trained model named by ``models/identity-current.txt``, or ``DEFAULT_MODEL`` when there is none.

    Converted once per state of the files (pointer text, model file's modification time and size), so
    calling it for every linking batch or search costs a file read. A pointer naming a missing or unreadable
    model is logged (once per state) and the defaults are used: linking goes on, with the version it used.
    """
    global _LOADED
    pointer = _pointer()
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return DEFAULT_MODEL
    path = pointer.parent / name
    try:
        stat = path.stat()
        key = (str(pointer), name, stat.st_mtime_ns, stat.st_size)
    except OSError:
        key = (str(pointer), name, -1, -1)
    loaded = _LOADED
    if loaded is not None and loaded.key == key:
        return loaded.model
    model = _read(path)
    _LOADED = _Loaded(key, model)
    return model


def _read(path: Path) -> Model:
    """Read and convert one saved model; the defaults (logged) when it cannot be."""
    from borderlink.identity.engine import TrainedModel

    try:
        return from_trained(TrainedModel.load(path))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        logger.error("identity model %s cannot be used for real-time linking (%s); using the defaults", path, exc)
        return DEFAULT_MODEL


def forget_model() -> None:
    """Drop the converted model, so that the next call reads the files again (tests)."""
    global _LOADED
    _LOADED = None
