"""Load registry data (states, checkpoints, agencies, nodes) from YAML, idempotently.

Used by the initial data migration and by ``borderlink registry load FILE``, so onboarding a
new state's checkpoints is a data file, not code. Loading the same file twice changes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

SEED_FILE = Path(__file__).resolve().parent / "data" / "registry.yaml"


class RegistryDataError(ValueError):
    """A registry file that cannot be loaded; the message names the entry."""


def read_registry_file(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Parse a registry YAML file and check its shape."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RegistryDataError(f"{path}: {exc}") from None
    if not isinstance(data, dict):
        raise RegistryDataError(f"{path}: expected a mapping with states, checkpoints, agencies, nodes")
    unknown = set(data) - {"states", "checkpoints", "agencies", "nodes"}
    if unknown:
        raise RegistryDataError(f"{path}: unknown section(s) {', '.join(sorted(unknown))}")
    for key in ("states", "checkpoints", "agencies", "nodes"):
        entries = data.get(key) or []
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise RegistryDataError(f"{path}: {key} must be a list of mappings")
        data[key] = entries
    return data


def load_registry(data: dict[str, list[dict[str, Any]]], models: dict[str, Any]) -> dict[str, int]:
    """Create or update registry rows from parsed data; ``models`` maps names to model classes.

    Taking the classes as an argument lets a migration pass its historical models.
    """
    state_model, checkpoint_model = models["State"], models["Checkpoint"]
    agency_model, node_model = models["Agency"], models["Node"]
    counts = {"states": 0, "checkpoints": 0, "agencies": 0, "nodes": 0}
    for entry in data["states"]:
        _require(entry, ("code", "name", "time_zone"), "state")
        state_model.objects.update_or_create(
            code=entry["code"],
            defaults={
                "name": entry["name"],
                "time_zone": entry["time_zone"],
                "bali_process_member": entry.get("bali_process_member", True),
            },
        )
        counts["states"] += 1
    facing: list[tuple[Any, str]] = []
    for entry in data["checkpoints"]:
        _require(entry, ("state", "national_code", "name", "kind", "time_zone"), "checkpoint")
        state = _get(state_model, entry["state"], "checkpoint state")
        code = f"{entry['state']}-{entry['national_code']}"
        checkpoint, _created = checkpoint_model.objects.update_or_create(
            code=code,
            defaults={
                "state": state,
                "national_code": entry["national_code"],
                "name": entry["name"],
                "kind": entry["kind"],
                "latitude": entry.get("lat"),
                "longitude": entry.get("lon"),
                "time_zone": entry["time_zone"],
            },
        )
        if entry.get("faces"):
            facing.append((checkpoint, entry["faces"]))
        counts["checkpoints"] += 1
    for checkpoint, faces_code in facing:
        other = checkpoint_model.objects.filter(code=faces_code).first()
        if other is None:
            raise RegistryDataError(f"checkpoint {checkpoint.code}: faces unknown checkpoint {faces_code}")
        checkpoint_model.objects.filter(pk=checkpoint.pk).update(faces=other)
    for entry in data["agencies"]:
        _require(entry, ("state", "name"), "agency")
        agency_model.objects.update_or_create(
            state=_get(state_model, entry["state"], "agency state"),
            name=entry["name"],
            defaults={"short_name": entry.get("short_name", "")},
        )
        counts["agencies"] += 1
    for entry in data["nodes"]:
        _require(entry, ("state", "name"), "node")
        node_model.objects.update_or_create(
            name=entry["name"],
            defaults={
                "state": _get(state_model, entry["state"], "node state"),
                "base_url": entry.get("base_url", ""),
            },
        )
        counts["nodes"] += 1
    return counts


def _require(entry: dict[str, Any], keys: tuple[str, ...], what: str) -> None:
    missing = [key for key in keys if entry.get(key) in (None, "")]
    if missing:
        raise RegistryDataError(f"{what} {entry!r}: missing {', '.join(missing)}")


def _get(model: Any, code: str, what: str) -> Any:
    found = model.objects.filter(code=code).first()
    if found is None:
        raise RegistryDataError(f"{what} {code!r} is not in the registry")
    return found
