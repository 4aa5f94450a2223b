"""The registry every node starts with: member states and the checkpoints of DESIGN.md section 4."""

from __future__ import annotations

import pytest

from borderlink.registry.models import Checkpoint, State

pytestmark = pytest.mark.django_db

FACING = {
    "KHM-POI": "THA-ARY", "KHM-CYM": "THA-HLK", "KHM-BAV": "VNM-MOCBAI", "KHM-KOR": "VNM-VINHXUONG",
    "THA-NKI": "LAO-THANALENG", "VNM-CAUTREO": "LAO-NAMPHAO",
}  # fmt: skip


def test_it_seeds_every_checkpoint_named_in_the_design_with_its_facing_one() -> None:
    for code, other in FACING.items():
        here = Checkpoint.objects.get(code=code)
        assert here.faces is not None and here.faces.code == other
        assert Checkpoint.objects.get(code=other).faces == here
    airports = Checkpoint.objects.filter(kind="air").values_list("code", flat=True)
    assert set(airports) == {"KHM-PNH", "THA-BKK", "VNM-NOIBAI"}
    assert Checkpoint.objects.get(code="KHM-KOR").kind == "river"


def test_it_gives_every_checkpoint_a_time_zone_and_coordinates() -> None:
    for checkpoint in Checkpoint.objects.all():
        assert checkpoint.zone.key == checkpoint.time_zone
        assert checkpoint.latitude is not None and checkpoint.longitude is not None


def test_it_knows_the_bali_process_members() -> None:
    codes = set(State.objects.filter(bali_process_member=True).values_list("code", flat=True))
    assert {"KHM", "THA", "LAO", "VNM", "MMR", "IDN", "AUS"} <= codes
