"""Where installed mappings live: the ones shipped with borderlink and the node's own.

Shipped mappings are data files in ``ingest/mappings/``; a node installs more into
``<DATA_DIR>/mappings/`` with ``borderlink check-mapping FILE --install``. A node's own file
with the same source name takes precedence, so a state can adjust a shipped mapping.
"""

from __future__ import annotations

import shutil
from pathlib import Path

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
    """Check a mapping file and copy it into the node's mapping folder under its source name."""
    spec = load_mapping(path)
    target = installed_dir() / f"{spec.source}.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, target)
    return spec, target
