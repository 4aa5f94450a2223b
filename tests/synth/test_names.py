"""Name pools: sizes, scripts and the romanisation variants each native form comes with."""

from __future__ import annotations

import re

from borderlink.synth import names


def test_it_has_large_pools_for_the_major_nationalities() -> None:
    for family, given in (
        (names.KHM_FAMILY, names.KHM_GIVEN_M + names.KHM_GIVEN_F),
        (names.THA_FAMILY, names.THA_GIVEN_M + names.THA_GIVEN_F),
        (names.LAO_FAMILY, names.LAO_GIVEN_M + names.LAO_GIVEN_F),
        (names.VNM_FAMILY, names.VNM_GIVEN_M + names.VNM_GIVEN_F),
    ):
        assert len(family) >= 60
        assert len(given) >= 100
    assert len(names.MMR_SYLLABLES_M + names.MMR_SYLLABLES_F) >= 100


def test_it_writes_each_native_name_in_its_own_script() -> None:
    scripts = {
        r"[\u1780-\u17FF]+": names.KHM_FAMILY + names.KHM_GIVEN_M + names.KHM_GIVEN_F,
        r"[\u0E00-\u0E7F]+": names.THA_FAMILY + names.THA_GIVEN_M + names.THA_GIVEN_F,
        r"[\u0E80-\u0EFF]+": names.LAO_FAMILY + names.LAO_GIVEN_M + names.LAO_GIVEN_F,
        r"[\u1000-\u109F]+": names.MMR_SYLLABLES_M + names.MMR_SYLLABLES_F,
    }
    for pattern, parts in scripts.items():
        for part in parts:
            assert re.fullmatch(pattern, part.native), part
            assert part.romanisations
            assert all(re.fullmatch(r"[A-Z]+( [A-Z]+)?", r) for r in part.romanisations), part


def test_it_keeps_the_usual_romanisation_variants() -> None:
    def variants(pool: tuple[names.NamePart, ...], first: str) -> tuple[str, ...]:
        return next(part.romanisations for part in pool if part.romanisations[0] == first)

    assert "SOKH" in variants(names.KHM_FAMILY, "SOK")
    assert "CHAIYAPHON" in variants(names.THA_FAMILY, "CHAIYAPORN")
    assert "SOMBUN" in variants(names.THA_FAMILY, "SOMBOON")
    assert "PHROMMA" in variants(names.THA_FAMILY, "PROMMA")
    assert "JANPEN" in variants(names.THA_GIVEN_F, "CHANPEN")
    assert sum(1 for part in names.KHM_FAMILY + names.THA_FAMILY if len(part.romanisations) > 1) >= 100


def test_it_romanises_vietnamese_by_dropping_diacritics() -> None:
    assert names.strip_diacritics("NGUYỄN THỊ LAN") == "NGUYEN THI LAN"
    assert names.strip_diacritics("ĐẶNG ĐỨC") == "DANG DUC"
    assert all(part.native != part.romanisations[0] for part in names.VNM_FAMILY if not part.native.isascii())
