"""Travel of the synthetic population: crossings, each an exit record and the facing entry record.

Times are minutes from the start of the period, local time (UTC+07:00 in all three states). A
crossing writes the exit record at the checkpoint left (if that state writes a file) and the entry
record at the facing checkpoint minutes to hours later; a flight writes the exit at the departure
airport and the entry at the arrival airport. Minors travelling with an adult cross with them: their
records are written at the same time and place and name the adult's record as companion.
"""

from __future__ import annotations

import random
from collections.abc import Iterable

from borderlink.synth import rates
from borderlink.synth.documents import BORDER_PASS, ID_CARD, PASSPORT, Document
from borderlink.synth.geography import (
    AIRPORTS,
    FLIGHT_MINUTES,
    LAND_NEIGHBOURS,
    ROUTES_BETWEEN,
    SOURCES,
    LandRoute,
)
from borderlink.synth.population import Person, pick_weighted

DAY = 1440


class Record:
    """One row a state writes: who crossed where and when, on which document, with whom."""

    __slots__ = (
        "checkpoint",
        "companion",
        "doc",
        "entry",
        "grouped",
        "minute",
        "person",
        "purpose",
        "record_id",
        "seq",
        "sponsor",
        "state",
        "vehicle",
    )

    def __init__(
        self,
        seq: int,
        state: str,
        checkpoint: str,
        entry: bool,
        minute: int,
        person: Person,
        doc: Document | None,
        purpose: str,
        vehicle: str | None,
        sponsor: str | None,
        companion: Record | None,
    ) -> None:
        """Hold the facts of the record; its id is given when the file is written."""
        self.seq = seq
        self.state = state
        self.checkpoint = checkpoint
        self.entry = entry
        self.minute = minute
        self.person = person
        self.doc = doc
        self.purpose = purpose
        self.vehicle = vehicle
        self.sponsor = sponsor
        self.companion = companion
        # an adult's record with minors naming it, or a minor's record: kept free of defects
        self.grouped = companion is not None
        self.record_id = ""


# Where a worker of each home state goes (MMR workers are already in Thailand).
WORKER_DESTINATIONS: dict[str, dict[str, float]] = {
    "KHM": {"THA": 0.8, "VNM": 0.2},
    "LAO": {"THA": 0.75, "VNM": 0.25},
    "VNM": {"KHM": 0.7, "LAO": 0.3},
    "THA": {"KHM": 0.6, "VNM": 0.2, "LAO": 0.2},
}
BORDER_PURPOSES = {"family": 0.30, "business": 0.25, "tourism": 0.20, "work": 0.25}
BORDER_PURPOSE_NAMES = tuple(BORDER_PURPOSES)
BORDER_PURPOSE_WEIGHTS = tuple(BORDER_PURPOSES.values())


class Travel:
    """Runs each adult's itinerary over the period and collects the records per reporting state."""

    def __init__(self, rng: random.Random, days: int, states: Iterable[str] = tuple(SOURCES)) -> None:
        """Travel over ``days`` days, keeping the records of ``states`` only."""
        self.rng = rng
        self.r = rng.random
        self.days = days
        self.horizon = days * DAY
        self.records: dict[str, list[Record]] = {state: [] for state in states}
        self.seq = 0

    # --- the parts of a trip ---------------------------------------------------------------------------
    def _record(
        self,
        state: str,
        checkpoint: str,
        entry: bool,
        minute: int,
        person: Person,
        doc: Document | None,
        purpose: str,
        vehicle: str | None,
        sponsor: str | None,
        companion: Record | None,
    ) -> Record | None:
        out = self.records.get(state)
        if out is None:
            return None
        self.seq += 1
        rec = Record(self.seq, state, checkpoint, entry, minute, person, doc, purpose, vehicle, sponsor, companion)
        out.append(rec)
        return rec

    def _document(self, person: Person, kind: str, minute: int) -> Document | None:
        doc = person.document(kind, minute)
        if doc is None and kind != PASSPORT:
            doc = person.document(PASSPORT, minute)
        if doc is None:
            doc = person.document(BORDER_PASS, minute)
        return doc

    def cross(
        self,
        person: Person,
        src: str,
        dst: str,
        minute: int,
        air: bool,
        purpose: str,
        kind: str = PASSPORT,
        route: LandRoute | None = None,
        sponsored: bool = True,
    ) -> int | None:
        """Cross from ``src`` to ``dst`` leaving at ``minute``; the arrival minute, or None if too late."""
        r = self.r
        if air:
            out_cp, in_cp = AIRPORTS[src], AIRPORTS[dst]
            low, high = FLIGHT_MINUTES
        else:
            if route is None:
                routes, weights = ROUTES_BETWEEN[(src, dst)]
                route = routes[0] if len(routes) == 1 else pick_weighted(r(), routes, weights)
            out_cp, _, in_cp = route.side(src)
            low, high = route.min_minutes, route.max_minutes
        arrive = minute + low + int(r() * (high - low))
        if arrive >= self.horizon or minute < 0:
            return None
        if src not in self.records and dst not in self.records:
            return arrive  # neither side is written (write_source keeps one state only)
        driven = not air and person.vehicle is not None and r() < rates.VEHICLE_USE_RATE
        vehicle = person.vehicle if driven else None
        doc = self._document(person, kind, minute)
        sponsor = person.sponsor if purpose == "work" and sponsored else None
        grouped = bool(person.minors)
        out_rec = self._record(src, out_cp, False, minute, person, doc, purpose, vehicle, sponsor, None)
        in_rec = self._record(dst, in_cp, True, arrive, person, doc, purpose, vehicle, sponsor, None)
        if grouped:
            for rec in (out_rec, in_rec):
                if rec is not None:
                    rec.grouped = True
            for child in person.minors:
                child_doc = child.document(PASSPORT, minute)
                if out_rec is not None:
                    self._record(src, out_cp, False, minute, child, child_doc, purpose, vehicle, None, out_rec)
                if in_rec is not None:
                    self._record(dst, in_cp, True, arrive, child, child_doc, purpose, vehicle, None, in_rec)
        return arrive

    def _at(self, day: int, low_hour: float, high_hour: float) -> int:
        return day * DAY + int((low_hour + self.r() * (high_hour - low_hour)) * 60)

    def _depart(self, after: int, air: bool, gap_days: float = 0.0) -> int:
        """A departure time on the day ``gap_days`` after minute ``after``, in opening hours."""
        day = (after + int(gap_days * DAY)) // DAY
        minute = self._at(day, 5, 23) if air else self._at(day, 6, 20)
        return max(minute, after + 30)

    def _options(self, here: str, exclude: Iterable[str] = ()) -> list[str]:
        skip = {here, *exclude}
        found = [s for s in LAND_NEIGHBOURS.get(here, ()) if s not in skip]
        if here in AIRPORTS:
            found += [s for s in AIRPORTS if s not in skip and s not in found]
        return found

    def _mode(self, src: str, dst: str, air_rate: float) -> bool | None:
        """True for a flight, False for land, None when the two states are not joined directly."""
        land = (src, dst) in ROUTES_BETWEEN
        air = src in AIRPORTS and dst in AIRPORTS
        if air and (not land or self.r() < air_rate):
            return True
        return False if land else None

    def trip(self, person: Person, here: str, dst: str, minute: int, purpose: str, air_rate: float) -> int | None:
        """Go from ``here`` to ``dst`` by land or air; the arrival minute or None."""
        air = self._mode(here, dst, air_rate)
        if air is None:
            return None
        minute = self._depart(minute, air)
        return self.cross(person, here, dst, minute, air, purpose)

    def sorted_records(self) -> dict[str, list[Record]]:
        """The records of each reporting state in time order (an adult's before their minors')."""
        for records in self.records.values():
            records.sort(key=lambda rec: (rec.minute, rec.seq))
        return self.records

    # --- profiles ---------------------------------------------------------------------------------------
    def run(self, person: Person) -> None:
        """Write every crossing of one adult (and the minors with them) over the period."""
        getattr(self, f"_{person.profile}")(person)

    def _round_trips(
        self,
        person: Person,
        trips: int,
        purposes: dict[str, float],
        air_rate: float,
        stay: tuple[float, float],
        onward_rate: float = 0.0,
    ) -> None:
        r = self.r
        home = person.home
        t = int(r() * self.horizon * 0.6)
        for _ in range(trips):
            options = self._options(home)
            if not options:
                return
            purpose = pick_weighted(r(), tuple(purposes), tuple(purposes.values()))
            dst = options[int(r() * len(options))]
            arrived = self.trip(person, home, dst, t, purpose, air_rate)
            if arrived is None:
                return
            here = dst
            t = arrived + int((stay[0] + r() * (stay[1] - stay[0])) * DAY)
            if r() < onward_rate:
                onward = [s for s in self._options(here, (home,)) if self._mode(s, home, 1.0) is not None]
                if onward:
                    nxt = onward[int(r() * len(onward))]
                    arrived = self.trip(person, here, nxt, t, purpose, air_rate)
                    if arrived is None:
                        return
                    here = nxt
                    t = arrived + int((1 + r() * 3) * DAY)
            arrived = self.trip(person, here, home, t, purpose, air_rate)
            if arrived is None:
                return
            t = arrived + int((1 + r() * 10) * DAY)

    def _tourist(self, person: Person) -> None:
        trips = 2 if self.r() < 0.35 else 1
        self._round_trips(
            person,
            trips,
            {"tourism": 0.85, "family": 0.1, "other": 0.05},
            rates.AIR_RATE,
            (1, 6),
            rates.TOURIST_ONWARD_RATE,
        )

    def _family(self, person: Person) -> None:
        trips = 2 if self.r() < 0.3 else 1
        self._round_trips(person, trips, {"family": 0.9, "other": 0.1}, 0.2, (2, 10))

    def _business(self, person: Person) -> None:
        trips = 1 + int(self.r() * 3)
        self._round_trips(person, trips, {"business": 1.0}, 0.85, (1, 4))

    def _official(self, person: Person) -> None:
        trips = 1 + int(self.r() * 2)
        self._round_trips(person, trips, {"official": 1.0}, 0.85, (1, 5))

    def _student(self, person: Person) -> None:
        r = self.r
        options = self._options(person.home)
        dst = options[int(r() * len(options))]
        arrived = self.trip(person, person.home, dst, int(r() * self.horizon * 0.8), "study", rates.AIR_RATE)
        if arrived is not None and r() < 0.3:
            self.trip(person, dst, person.home, arrived + int((5 + r() * 15) * DAY), "family", rates.AIR_RATE)

    def _worker(self, person: Person) -> None:
        r = self.r
        home = person.home
        weights = WORKER_DESTINATIONS[home]
        dst = pick_weighted(r(), tuple(weights), tuple(weights.values()))
        if dst == home:
            return
        arrived = self.trip(person, home, dst, int(r() * self.horizon * 0.8), "work", 0.2)
        if arrived is not None and r() < rates.WORKER_RETURN_RATE:
            self.trip(person, dst, home, arrived + int((7 + r() * 18) * DAY), "family", 0.2)

    def _transit(self, person: Person) -> None:
        r = self.r
        home = person.home
        hubs = [s for s in AIRPORTS if s != home]
        if home not in AIRPORTS or not hubs:
            return
        hub = hubs[int(r() * len(hubs))]
        finals = [s for s in AIRPORTS if s not in (home, hub)]
        start = self._depart(int(r() * self.horizon * 0.8), True)
        arrived = self.cross(person, home, hub, start, True, "transit")
        if arrived is None:
            return
        self.cross(person, hub, finals[0], arrived + 120 + int(r() * 480), True, "transit")

    def _border(self, person: Person) -> None:
        r = self.r
        route = person.home_route
        if route is None:
            return
        home = person.home
        _, other, _ = route.side(home)
        has_passport = any(d.kind == PASSPORT for d in person.docs)
        day = 0
        while day < self.days:
            u = r()
            if has_passport and home in AIRPORTS and u < rates.BORDER_LONG_TRIP_RATE:
                dst = [s for s in AIRPORTS if s != home][int(r() * 2)]
                purpose = "tourism" if r() < 0.6 else "family"
                arrived = self.cross(person, home, dst, self._at(day, 5, 22), True, purpose)
                if arrived is None:
                    return
                back = self._depart(arrived, True, 2 + r() * 4)
                returned = self.cross(person, dst, home, back, True, purpose)
                if returned is None:
                    return
                day = returned // DAY + 1
                continue
            if u < rates.BORDER_LONG_TRIP_RATE + rates.BORDER_DAY_TRIP_RATE:
                purpose = pick_weighted(r(), BORDER_PURPOSE_NAMES, BORDER_PURPOSE_WEIGHTS)
                kind = BORDER_PASS
                v = r()
                if person.nationality == "THA" and v < rates.THAI_ID_CARD_USE_RATE:
                    kind = ID_CARD
                elif has_passport and v > 1 - rates.BORDER_PASSPORT_USE_RATE:
                    kind = PASSPORT
                sponsored = r() < rates.SPONSOR_DAY_WORKER_RATE
                leave = self._at(day, 6, 11)
                arrived = self.cross(person, home, other, leave, False, purpose, kind, route, sponsored)
                if arrived is not None:
                    back = min(arrived + int((2 + r() * 8) * 60), day * DAY + 21 * 60 + 30)
                    self.cross(person, other, home, max(back, arrived + 20), False, purpose, kind, route, sponsored)
            day += 1
