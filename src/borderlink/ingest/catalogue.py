"""Where installed mappings live: the ones shipped with borderlink and the node's own.

Shipped mappings are data files in ``ingest/mappings/``; a node installs more into
``<DATA_DIR>/mappings/`` with ``borderlink check-mapping FILE --install``. A node's own file
with the same source name takes precedence, so a state can adjust a shipped mapping.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings

from borderlink.ingest.mapping.spec import MappingSpec, load_mapping

SHIPPED_DIR = Path(__file__).resolve().parent / "mappings"


def installed_dir() -> Path:
    """The node's own mapping folder."""
    return Path(settings.DATA_DIR) / "mappings"


def mapping_paths() -> dict[str, Path]:
    """Every installed mapping file by source name (the file name without .yaml)."""
    paths = {path.stem: path for path in sorted(SHIPPED_DIR.glob("*.yaml"))}
    if installed_dir().is_dir():
        paths.update({path.stem: path for path in sorted(installed_dir().glob("*.yaml"))})
    return paths


def get_mapping(source: str) -> MappingSpec:
    """Load the installed mapping for ``source``; raise ``LookupError`` naming the known ones."""
    paths = mapping_paths()
    if source not in paths:
        known = ", ".join(sorted(paths)) or "none"
        raise LookupError(f"no mapping installed for source {source!r} (installed: {known})")
    return load_mapping(paths[source])


def install_mapping(path: Path) -> tuple[MappingSpec, Path]:
    """Check a mapping file and copy it, with the code-list files it names, into the node's folder."""
    spec = load_mapping(path)
    target = installed_dir() / f"{spec.source}.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    for name in _codes_files(yaml.safe_load(path.read_text(encoding="utf-8"))):
        source_file = (path.parent / name).resolve()
        destination = (target.parent / name).resolve()
        if not destination.is_relative_to(target.parent.resolve()):
            raise ValueError(f"codes_file {name!r} must stay beside the mapping")
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source_file, destination)
    shutil.copyfile(path, target)
    return spec, target


def _codes_files(data: Any) -> list[str]:
    """Every ``codes_file`` named anywhere in a parsed mapping."""
    found: list[str] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "codes_file" and isinstance(value, str):
                found.append(value)
            else:
                found.extend(_codes_files(value))
    elif isinstance(data, list):
        for value in data:
            found.extend(_codes_files(value))
    return found
