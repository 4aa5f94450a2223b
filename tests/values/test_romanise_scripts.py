"""Script romanisers reach the spellings people carry, checked against the synthetic name pools."""

from __future__ import annotations

import random
from datetime import date

import pytest

from borderlink.synth import names as pools
from borderlink.synth.names import NamePart
from borderlink.synth.population import PopulationBuilder
from borderlink.values.names import is_zawgyi, romanise, zawgyi_to_unicode


def _spaceless(forms: list[str]) -> set[str]:
    """The forms with their spaces removed (pools write SREYMOM and SREY MOM alike)."""
    return {f.replace(" ", "") for f in forms}


@pytest.mark.parametrize(
    ("thai", "spellings"),
    [
        ("สมบูรณ์", {"SOMBOON", "SOMBUN"}),
        ("ไชยพร", {"CHAIYAPORN", "CHAIPHON"}),
        ("ชัยพร", {"CHAIPHON", "CHAIPORN"}),
        ("พรหมมา", {"PROMMA", "PHROMMA"}),
        ("จันทร์เพ็ญ", {"CHANPEN", "JANPEN", "CHANPHEN"}),
        ("ใจดี", {"JAIDEE", "CHAIDI"}),
        ("ศรีสุข", {"SRISUK", "SISUK"}),
        ("ประเสริฐ", {"PRASERT", "PRASOET"}),
    ],
)
def test_it_reaches_thai_passport_spellings(thai: str, spellings: set[str]) -> None:
    assert spellings <= set(romanise(thai))


def test_it_puts_the_usual_thai_passport_spelling_first() -> None:
    assert romanise("สมบูรณ์")[0] == "SOMBOON"
    assert romanise("พรหมมา")[0] == "PROMMA"


def test_it_romanises_a_cambodian_name_as_cambodian_documents_do() -> None:
    forms = romanise("សុខ ដារ៉ា")
    assert forms[0] == "SOK DARA"
    assert "SOKH DARA" in forms


def test_it_romanises_lao_names_by_the_lao_convention_and_the_thai_one() -> None:
    forms = romanise("ສີສຸລາດ")
    assert forms[0] == "SISOULATH"
    assert "SISULAT" in forms


@pytest.mark.parametrize(
    ("burmese", "spelling"),
    [
        ("မင်းအောင်လှိုင်", "MIN AUNG HLAING"),
        ("ကျော်ဇော်", "KYAW ZAW"),
        ("မြင့်သိန်း", "MYINT THEIN"),
        ("ထွန်း", "HTUN"),
        ("ရွှေ", "SHWE"),
        ("စိုး", "SOE"),
        ("အေး", "AYE"),
    ],
)
def test_it_transcribes_burmese_syllables_as_passports_spell_them(burmese: str, spelling: str) -> None:
    assert romanise(burmese)[0] == spelling


ZAWGYI_MIN_AUNG_HLAING = "မင္းေအာင္လႈိင္"


def test_it_tells_zawgyi_from_unicode_burmese() -> None:
    assert is_zawgyi(ZAWGYI_MIN_AUNG_HLAING)
    assert not is_zawgyi("မင်းအောင်လှိုင်")
    assert not is_zawgyi("SOK DARA")


def test_it_converts_zawgyi_before_romanising() -> None:
    assert not is_zawgyi(zawgyi_to_unicode(ZAWGYI_MIN_AUNG_HLAING))
    assert romanise(ZAWGYI_MIN_AUNG_HLAING)[0] == "MIN AUNG HLAING"


def test_it_leaves_unicode_burmese_unchanged() -> None:
    assert zawgyi_to_unicode("မင်းအောင်လှိုင်") == "မင်းအောင်လှိုင်"


def _reached(parts: tuple[NamePart, ...]) -> float:
    """The share of distinct native words for which romanise() reaches a pool spelling."""
    distinct = {p.native: p for p in parts}.values()
    hits = sum(bool(_spaceless(romanise(p.native)) & _spaceless(list(p.romanisations))) for p in distinct)
    return hits / len(distinct)


@pytest.mark.parametrize(
    ("pool", "floor"),
    [
        (pools.THA_FAMILY + pools.THA_GIVEN_M + pools.THA_GIVEN_F, 0.90),
        (pools.LAO_FAMILY + pools.LAO_GIVEN_M + pools.LAO_GIVEN_F, 0.85),
        (pools.MMR_SYLLABLES_M + pools.MMR_SYLLABLES_F, 0.90),
        (pools.KHM_FAMILY[:30], 0.80),  # a slice: the Khmer transformer takes up to 200 ms a word
        (pools.VNM_FAMILY + pools.VNM_GIVEN_F + pools.VNM_GIVEN_M, 1.0),
    ],
)
def test_it_reaches_a_spelling_people_carry_for_most_pool_names(pool: tuple[NamePart, ...], floor: float) -> None:
    assert _reached(pool) >= floor


def _generated(nationality: str, count: int = 3000) -> tuple[NamePart, ...]:
    """The native-script words of the names a synthetic population of ``count`` gives one nationality."""
    people = PopulationBuilder(random.Random(3), date(2026, 1, 1), 30).build(count)
    words = {w.native: w for p in people if p.nationality == nationality for w in p.words if w.native}
    return tuple(words[k] for k in sorted(words))


@pytest.mark.parametrize(
    ("nationality", "floor", "limit"),
    [
        ("THA", 0.95, None),
        ("LAO", 0.95, None),
        ("MMR", 0.95, None),
        ("KHM", 0.85, 40),  # every fifth of the composed words: the Khmer transformer takes up to a second a word
    ],
)
def test_it_reaches_a_spelling_people_carry_for_the_generated_names(
    nationality: str, floor: float, limit: int | None
) -> None:
    words = _generated(nationality)
    if limit is not None:
        listed = {p.native for p in pools.KHM_FAMILY + pools.KHM_GIVEN_M + pools.KHM_GIVEN_F}
        words = tuple(w for w in words if w.native not in listed)[::5][:limit]
    assert _reached(words) >= floor
