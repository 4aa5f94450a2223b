"""Seed the registry with the member states and checkpoints of DESIGN.md section 4."""

from typing import Any

from django.db import migrations


def seed(apps: Any, schema_editor: Any) -> None:
    from borderlink.registry.seed import SEED_FILE, load_registry, read_registry_file

    names = ("State", "Checkpoint", "Agency", "Node")
    load_registry(read_registry_file(SEED_FILE), {name: apps.get_model("registry", name) for name in names})


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
