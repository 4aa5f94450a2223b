"""Name pools: sizes, scripts and the romanisation variants each native form comes with."""

from __future__ import annotations

import random
import re
from collections import Counter
from datetime import date

from borderlink.synth import names
from borderlink.synth.population import Person, PopulationBuilder


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
        r"[\u1780-\u17FF]+": names.KHM_FAMILY
        + names.KHM_GIVEN_M
        + names.KHM_GIVEN_F
        + names.KHM_GIVEN_FIRST_F
        + names.KHM_GIVEN_FIRST_M
        + names.KHM_GIVEN_NEXT,
        r"[\u0E00-\u0E7F]+": names.THA_FAMILY
        + names.THA_GIVEN_M
        + names.THA_GIVEN_F
        + names.THA_SURNAME_FIRST
        + names.THA_SURNAME_NEXT,
        r"[\u0E80-\u0EFF]+": names.LAO_FAMILY
        + names.LAO_GIVEN_M
        + names.LAO_GIVEN_F
        + names.LAO_SURNAME_FIRST
        + names.LAO_SURNAME_NEXT,
        r"[\u1000-\u109F]+": names.MMR_SYLLABLES_M_ALL + names.MMR_SYLLABLES_F_ALL,
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


def _population(count: int, seed: int = 3) -> list[Person]:
    return PopulationBuilder(random.Random(seed), date(2026, 1, 1), 30).build(count)


def test_it_composes_words_from_their_parts() -> None:
    sri, suk = names.THA_SURNAME_FIRST[0], names.THA_SURNAME_NEXT[0]
    word = names.compose((sri, suk))
    assert word.native == "ศรีสุข"
    assert word.romanisations[0] == "SRISUK"
    assert {"SISUK", "SRISOOK"} <= set(word.romanisations)
    xiao, ming = names.NamePart("", ("XIAO",)), names.NamePart("", ("MING",))
    assert names.compose((xiao, ming), spaced=True).romanisations == ("XIAOMING", "XIAO MING")


def test_it_draws_the_same_names_for_the_same_seed() -> None:
    first = [(p.surname, p.given, p.name_km, p.name_th) for p in _population(500, seed=5)]
    again = [(p.surname, p.given, p.name_km, p.name_th) for p in _population(500, seed=5)]
    assert first == again


def test_namesakes_of_the_same_sex_are_rare_in_every_nationality() -> None:
    # A real population of millions carries tens of thousands of names per nationality and sex: among
    # up to 400 adults of one nationality and sex, few share a whole name. (The pools before decision
    # 0005 gave a shared name to 4 to 8% of Khmer, Thai, Lao and Burmese adults, a third of the Chinese.)
    people = _population(12000)
    for nationality in ("KHM", "THA", "VNM", "MMR", "LAO", "CHN", "IDN", "PHL"):
        for sex in "FM":
            group = [p for p in people if p.nationality == nationality and p.sex == sex][:400]
            whole = Counter(" ".join(sorted(f"{p.surname} {p.given}".split())) for p in group if not p.minor)
            shared = sum(n for n in whole.values() if n > 1)
            assert shared <= 0.03 * sum(whole.values()), (nationality, sex, whole.most_common(3))


def test_it_writes_thai_and_lao_surnames_of_several_morphemes() -> None:
    people = _population(4000)
    thai = {p.surname for p in people if p.nationality == "THA"}
    lao = {p.surname for p in people if p.nationality == "LAO"}
    listed = {part.romanisations[0] for part in names.THA_FAMILY + names.LAO_FAMILY}
    assert len(thai - listed) > 0.8 * len(thai)
    assert len(lao - listed) > 0.8 * len(lao)
