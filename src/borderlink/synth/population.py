"""The synthetic population: persons with names in every form, birth dates, documents and a travel profile.

Everything a writer needs about a person is worked out once here (the Latin name on the passport,
the native forms each state writes, the birth date in each national format, the MRZ), so writing a
record is a few look-ups.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple, TypeVar

from borderlink.synth import names as pools
from borderlink.synth import rates
from borderlink.synth.documents import (
    BORDER_PASS,
    ID_CARD,
    PASSPORT,
    Document,
    border_pass_number,
    format_expiry,
    id_card_number,
    passport_number,
)
from borderlink.synth.geography import BORDER_HOME_ROUTES, LandRoute
from borderlink.synth.names import NamePart

HOME_STATES = ("KHM", "THA", "VNM", "LAO")
T = TypeVar("T")


@dataclass(slots=True, eq=False)
class Person:
    """A synthetic traveller and everything the national files write about them."""

    pid: int
    nationality: str
    sex: str
    birth: tuple[int, int, int]  # year, month (0: unknown), day (0: unknown)
    profile: str
    home: str
    surname: str  # Latin, as on the passport
    given: str
    name_km: str  # Khmer script for Khmer names, else ""
    name_th: str | None  # Thai script for Thai citizens, else None
    hoten: str  # the full name as Viet Nam writes it (family name first)
    words: tuple[NamePart, ...]  # the name's words, family name first (Burmese: no family name)
    spelling: tuple[int, ...]  # which romanisation of each word the passport uses
    family_count: int  # how many of ``words`` are the family name
    whole_in_given: bool  # a Burmese passport with the whole name in the given-name field
    person_id: str = ""
    birth_khm: str = ""
    birth_tha: str = ""
    birth_vnm: str = ""
    docs: list[Document] = field(default_factory=list)
    minors: list[Person] = field(default_factory=list)
    vehicle: str | None = None
    sponsor: str | None = None
    minor: bool = False
    home_route: LandRoute | None = None
    family_part: NamePart | None = None  # so a minor can share the adult's family name

    @property
    def has_alternatives(self) -> bool:
        """Whether some word of the name has another romanisation."""
        return any(len(w.romanisations) > 1 for w in self.words)

    def alternative(self, rng: random.Random) -> tuple[str, str]:
        """``(surname, given names)`` in another romanisation of the same name than the passport's."""
        words = self.words
        spelled = [w.romanisations[i] for w, i in zip(words, self.spelling, strict=True)]
        changeable = [i for i, w in enumerate(words) if len(w.romanisations) > 1]
        if not changeable:
            return self.surname, self.given
        forced = changeable[int(rng.random() * len(changeable))]
        for i in changeable:
            if i == forced or rng.random() < 0.4:
                options = [k for k in range(len(words[i].romanisations)) if k != self.spelling[i]]
                spelled[i] = words[i].romanisations[options[int(rng.random() * len(options))]]
        nf = self.family_count
        if self.nationality == "MMR":
            if self.whole_in_given:
                return "", " ".join(spelled)
            return spelled[-1], " ".join(spelled[:-1])
        return " ".join(spelled[:nf]), " ".join(spelled[nf:])

    def document(self, kind: str, minute: int) -> Document | None:
        """The document of that kind the person uses at ``minute`` (a renewed passport: the new one)."""
        for doc in self.docs:
            if doc.kind == kind and doc.used_from <= minute < doc.used_until:
                return doc
        return None


def _pick(rng: random.Random, items: Sequence[NamePart]) -> NamePart:
    return items[int(rng.random() * len(items))]


def _spelling(rng: random.Random, part: NamePart) -> int:
    """Which romanisation the passport uses: mostly the usual one."""
    n = len(part.romanisations)
    if n > 1 and rng.random() < rates.PASSPORT_OWN_SPELLING_RATE:
        return 1 + int(rng.random() * (n - 1))
    return 0


class NameForms(NamedTuple):
    """Every form of one person's name that the national files write."""

    surname: str
    given: str
    name_km: str
    name_th: str | None
    hoten: str
    words: tuple[NamePart, ...]
    spelling: tuple[int, ...]
    family_count: int
    whole_in_given: bool


def _name(rng: random.Random, nationality: str, sex: str, family_part: NamePart | None) -> NameForms:
    """Pick a name for the nationality and work out every form of it (``names.py`` says how names are made)."""
    female = sex == "F" or (sex == "X" and rng.random() < 0.5)
    family: list[NamePart]
    given: list[NamePart]
    name_km = ""
    name_th: str | None = None
    if nationality == "KHM":
        family = [family_part or pools.khmer_family(rng)]
        given = [pools.khmer_given(rng, female)]
        name_km = f"{family[0].native} {given[0].native}"
    elif nationality == "THA":
        family = [family_part or pools.thai_surname(rng)]
        given = [_pick(rng, pools.THA_GIVEN_F if female else pools.THA_GIVEN_M)]
        name_th = f"{given[0].native} {family[0].native}"
    elif nationality == "LAO":
        family = [family_part or pools.lao_surname(rng)]
        given = [_pick(rng, pools.LAO_GIVEN_F if female else pools.LAO_GIVEN_M)]
    elif nationality == "VNM":
        family = [family_part or _pick(rng, pools.VNM_FAMILY)]
        if rng.random() < 0.6:  # the usual middle names (THỊ, VĂN) keep their weight
            middle = _pick(rng, pools.VNM_MIDDLE_F if female else pools.VNM_MIDDLE_M)
        else:
            middle = _pick(rng, pools.VNM_MIDDLE_F_ALL if female else pools.VNM_MIDDLE_M_ALL)
        first = _pick(rng, pools.VNM_GIVEN_F_ALL if female else pools.VNM_GIVEN_M_ALL)
        given = [middle, first] if rng.random() < 0.9 else [first]
    elif nationality == "MMR":
        family = []
        given = pools.burmese_name(rng, female)
    elif nationality == "CHN":
        family = [family_part or pools.CHN_FAMILY_POOL.pick(rng)]
        given = [pools.chinese_given(rng, female)]
    elif nationality == "IDN":
        # Most Indonesians have no family name: the last of their names goes in the surname field.
        own = pools.IDN_GIVEN_F_ALL if female else pools.IDN_GIVEN_M_ALL
        family = [family_part or _pick(rng, pools.IDN_FAMILY_ALL if rng.random() < 0.5 else own)]
        given = [_pick(rng, own) for _ in range(1 if rng.random() < 0.6 else 2)]
    else:
        own = pools.PHL_GIVEN_F_ALL if female else pools.PHL_GIVEN_M_ALL
        family = [family_part or _pick(rng, pools.PHL_FAMILY_ALL)]
        given = [_pick(rng, own) for _ in range(1 if rng.random() < 0.55 else 2)]
    chosen = tuple(_spelling(rng, w) for w in (*family, *given))
    nf = len(family)
    latin = [w.romanisations[i] for w, i in zip((*family, *given), chosen, strict=True)]
    whole_in_given = False
    if nationality == "MMR":
        # No family name: most passports put the last word in the surname field, some the whole name.
        whole_in_given = rng.random() >= 0.8
        surname, given_names = ("", " ".join(latin)) if whole_in_given else (latin[-1], " ".join(latin[:-1]))
        hoten = " ".join(latin)
    else:
        surname, given_names = " ".join(latin[:nf]), " ".join(latin[nf:])
        # Viet Nam writes its citizens' names with their diacritics, others as on the passport
        vietnamese = " ".join(w.native for w in (*family, *given)) if nationality == "VNM" else ""
        hoten = vietnamese or f"{surname} {given_names}"
    return NameForms(surname, given_names, name_km, name_th, hoten, (*family, *given), chosen, nf, whole_in_given)


def _birth(rng: random.Random, born: date, partial: bool) -> tuple[int, int, int]:
    if partial:
        u = rng.random()
        if u < rates.BIRTH_YEAR_ONLY_RATE:
            return born.year, 0, 0
        if u < rates.BIRTH_YEAR_ONLY_RATE + rates.BIRTH_NO_DAY_RATE:
            return born.year, born.month, 0
    return born.year, born.month, born.day


def format_births(person: Person) -> None:
    """Write the birth date in the three national formats (partial dates as each format allows)."""
    y, m, d = person.birth
    person.birth_khm = f"{d:02d}/{m:02d}/{y}"
    if d:
        person.birth_tha = f"{d:02d}/{m:02d}/{y + 543}"
        person.birth_vnm = f"{y}-{m:02d}-{d:02d}"
    else:
        # Thailand writes an unknown day as 00/00/YYYY or the year alone; Viet Nam the year alone.
        person.birth_tha = f"00/00/{y + 543}" if person.pid % 2 else str(y + 543)
        person.birth_vnm = str(y)


def _vehicle(rng: random.Random, state: str) -> str | None:
    n = rng.randrange(1000, 10000)
    if state == "KHM":
        return f"{'PP ' if rng.random() < 0.3 else ''}{rng.randrange(1, 4)}{'ABCEK'[rng.randrange(5)]}-{n}"
    if state == "THA":
        letters = ("กข", "ขค", "ฆย", "ตง", "บท", "ษร", "1กก", "2ขส")[rng.randrange(8)]
        return f"{letters} {n}"
    if state == "VNM":
        series = f"{rng.randrange(11, 99)}{'ABCDH'[rng.randrange(5)]}"
        return f"{series}-{rng.randrange(100, 1000)}.{rng.randrange(10, 100)}"
    if state == "LAO":
        return f"{('ກຂ', 'ນວ', 'ກທ')[rng.randrange(3)]} {n}"
    return None


def _weighted(rng: random.Random, weights: dict[str, float]) -> str:
    return pick_weighted(rng.random(), tuple(weights), tuple(weights.values()))


def pick_weighted(u: float, items: Sequence[T], weights: Sequence[float]) -> T:
    """The item whose share of the total weight ``u`` (in [0, 1)) falls in."""
    bound = u * sum(weights)
    for item, weight in zip(items, weights, strict=True):
        bound -= weight
        if bound < 0:
            return item
    return items[-1]


class PopulationBuilder:
    """Makes persons for a period: adults with their minors, documents and profile."""

    def __init__(self, rng: random.Random, start: date, days: int) -> None:
        """Remember the period the population travels in."""
        self.rng = rng
        self.start = start
        self.days = days
        self.end = start + timedelta(days=days)
        self.next_pid = 1

    def build(self, count: int) -> list[Person]:
        """``count`` persons, minors included; each minor travels with an adult in the list."""
        people: list[Person] = []
        while len(people) < count:
            adult = self.adult()
            people.append(adult)
            if adult.profile in ("tourist", "family") and self.rng.random() < rates.FAMILY_WITH_MINORS_RATE:
                for _ in range(1 + int(self.rng.random() * 3)):
                    if len(people) >= count:
                        break
                    child = self.minor(adult)
                    adult.minors.append(child)
                    people.append(child)
        return people

    def _new(
        self,
        nationality: str,
        sex: str,
        born: date,
        profile: str,
        home: str,
        family_part: NamePart | None,
        partial: bool,
    ) -> Person:
        rng = self.rng
        name = _name(rng, nationality, sex, family_part)
        person = Person(
            pid=self.next_pid,
            nationality=nationality,
            sex=sex,
            birth=_birth(rng, born, partial),
            profile=profile,
            home=home,
            surname=name.surname,
            given=name.given,
            name_km=name.name_km,
            name_th=name.name_th,
            hoten=name.hoten,
            words=name.words,
            spelling=name.spelling,
            family_count=name.family_count,
            whole_in_given=name.whole_in_given,
            person_id=f"P{self.next_pid:07d}",
            family_part=name.words[0] if name.family_count else None,
        )
        self.next_pid += 1
        format_births(person)
        return person

    def adult(self) -> Person:
        """An adult (at least 19 by birth year, so an adult on every day of the period)."""
        rng = self.rng
        nationality = _weighted(rng, rates.NATIONALITY_WEIGHTS)
        profile = _weighted(rng, rates.PROFILE_WEIGHTS[nationality])
        low, high = (18, 45) if profile == "worker" else (20, 75)
        age_days = int((low + 1 + rng.random() * (high - low)) * 365.25)
        born = min(self.start - timedelta(days=age_days), date(self.start.year - 19, 12, 31))
        u = rng.random()
        sex = "X" if u < rates.SEX_X_RATE else ("F" if u < 0.5 else "M")
        if nationality in HOME_STATES:
            home = nationality
        elif nationality == "MMR":
            home = "THA"  # migrant workers already in Thailand; Myanmar's own borders are not modelled
        else:
            home = ("KHM", "THA", "VNM")[rng.randrange(3)]
        person = self._new(nationality, sex, born, profile, home, None, partial=True)
        if profile == "border":
            routes, weights = BORDER_HOME_ROUTES[home]
            person.home_route = pick_weighted(rng.random(), routes, weights)
            self._add_document(person, BORDER_PASS)
            if nationality == "THA":
                self._add_document(person, ID_CARD)
            if rng.random() < rates.BORDER_RESIDENT_PASSPORT_RATE:
                self._add_passport(person)
        else:
            self._add_passport(person)
        if profile in ("worker", "border"):
            person.sponsor = pools.SPONSORS[rng.randrange(len(pools.SPONSORS))]
        if profile != "transit" and rng.random() < rates.VEHICLE_OWNER_RATE:
            person.vehicle = _vehicle(rng, home)
        return person

    def minor(self, adult: Person) -> Person:
        """A child travelling with ``adult``: under 18 on every day of the period, full birth date."""
        rng = self.rng
        oldest = self.end - timedelta(days=int(17.5 * 365.25))
        youngest = self.start - timedelta(days=30)
        born = oldest + timedelta(days=int(rng.random() * (youngest - oldest).days))
        sex = "F" if rng.random() < 0.5 else "M"
        child = self._new(adult.nationality, sex, born, adult.profile, adult.home, adult.family_part, partial=False)
        child.minor = True
        age = (self.start - born).days / 365.25
        no_doc = rates.MINOR_NO_DOCUMENT_RATE * (1.7 if age < 5 else 0.6)
        if rng.random() >= no_doc:
            self._add_passport(child)
        return child

    def _expiry(self, years: int) -> date:
        return self.start + timedelta(days=30 + int(self.rng.random() * (years * 365 - 30)))

    def _add_document(self, person: Person, kind: str) -> Document:
        rng = self.rng
        issuer = person.nationality
        if kind == BORDER_PASS:
            doc = Document(kind, border_pass_number(rng, issuer), issuer, self._expiry(2))
        else:
            doc = Document(kind, id_card_number(rng, issuer), issuer, self._expiry(8))
        format_expiry(doc)
        person.docs.append(doc)
        return doc

    def _passport(self, person: Person, expiry: date) -> Document:
        issuer = person.nationality
        doc = Document(PASSPORT, passport_number(self.rng, issuer), issuer, expiry)
        doc.mrz_args = (
            issuer,
            person.surname,
            person.given,
            doc.number,
            person.nationality,
            person.birth,
            person.sex,
            expiry,
        )
        format_expiry(doc)
        person.docs.append(doc)
        return doc

    def _add_passport(self, person: Person) -> None:
        rng = self.rng
        years = 5 if person.nationality == "THA" or person.minor else 10
        if rng.random() < rates.RENEWED_PASSPORT_RATE:
            horizon = self.days * 1440
            renewal = int(horizon * (0.25 + 0.5 * rng.random()))
            renewal_day = self.start + timedelta(minutes=renewal)
            old = self._passport(person, self.end + timedelta(days=1 + int(rng.random() * 200)))
            old.used_until = renewal
            new = self._passport(person, renewal_day + timedelta(days=years * 365 - 1))
            new.used_from = renewal
        else:
            self._passport(person, self._expiry(years))
