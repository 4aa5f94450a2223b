"""Checkpoints of the three reporting states, the crossings facing each other and the airports.

A land crossing joins a checkpoint of one state to the facing checkpoint of the neighbour; a
checkpoint in Lao PDR is listed so a trip can end there, but Lao PDR writes no file.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The states that write a national file, and the source name of that file.
SOURCES: dict[str, str] = {"KHM": "khm-gdi", "THA": "tha-ib", "VNM": "vnm-xnc"}
STATE_OF_SOURCE: dict[str, str] = {source: state for state, source in SOURCES.items()}

#: Checkpoint codes each reporting state writes in its file.
CHECKPOINTS: dict[str, tuple[str, ...]] = {
    "KHM": ("POI", "CYM", "BAV", "KOR", "PNH"),
    "THA": ("ARY", "HLK", "NKI", "BKK"),
    "VNM": ("MOCBAI", "VINHXUONG", "CAUTREO", "NOIBAI"),
}

AIRPORTS: dict[str, str] = {"KHM": "PNH", "THA": "BKK", "VNM": "NOIBAI"}
#: minutes from passport control at the departure airport to passport control at arrival
FLIGHT_MINUTES = (150, 330)


@dataclass(frozen=True, slots=True)
class LandRoute:
    """Two facing checkpoints across a land (or river) border, and how long the crossing takes."""

    state_a: str
    checkpoint_a: str
    state_b: str
    checkpoint_b: str
    min_minutes: int
    max_minutes: int

    def side(self, state: str) -> tuple[str, str, str]:
        """``(checkpoint here, other state, checkpoint there)`` seen from ``state``."""
        if state == self.state_a:
            return self.checkpoint_a, self.state_b, self.checkpoint_b
        return self.checkpoint_b, self.state_a, self.checkpoint_a


LAND_ROUTES: tuple[LandRoute, ...] = (
    LandRoute("KHM", "POI", "THA", "ARY", 8, 90),
    LandRoute("KHM", "CYM", "THA", "HLK", 8, 60),
    LandRoute("KHM", "BAV", "VNM", "MOCBAI", 8, 75),
    LandRoute("KHM", "KOR", "VNM", "VINHXUONG", 30, 180),  # a river crossing: boats take longer
    LandRoute("THA", "NKI", "LAO", "THANALENG", 8, 45),
    LandRoute("VNM", "CAUTREO", "LAO", "NAMPHAO", 10, 60),
)

#: weights of the land routes between two states (ordered pair -> routes and weights)
ROUTES_BETWEEN: dict[tuple[str, str], tuple[tuple[LandRoute, ...], tuple[float, ...]]] = {}
_ROUTE_WEIGHT = {"POI": 0.7, "CYM": 0.3, "BAV": 0.7, "KOR": 0.3, "NKI": 1.0, "CAUTREO": 1.0}
for _route in LAND_ROUTES:
    for _a, _b in ((_route.state_a, _route.state_b), (_route.state_b, _route.state_a)):
        routes, weights = ROUTES_BETWEEN.get((_a, _b), ((), ()))
        ROUTES_BETWEEN[(_a, _b)] = (
            (*routes, _route),
            (*weights, _ROUTE_WEIGHT[_route.checkpoint_a]),
        )

LAND_NEIGHBOURS: dict[str, tuple[str, ...]] = {}
for _a, _b in ROUTES_BETWEEN:
    LAND_NEIGHBOURS[_a] = (*LAND_NEIGHBOURS.get(_a, ()), _b)

#: home crossings of border residents by state, with weights
BORDER_HOME_ROUTES: dict[str, tuple[tuple[LandRoute, ...], tuple[float, ...]]] = {}
_HOME_WEIGHT = {
    "KHM": {"POI": 0.40, "CYM": 0.15, "BAV": 0.30, "KOR": 0.15},
    "THA": {"ARY": 0.45, "HLK": 0.20, "NKI": 0.35},
    "VNM": {"MOCBAI": 0.45, "VINHXUONG": 0.25, "CAUTREO": 0.30},
    "LAO": {"THANALENG": 0.65, "NAMPHAO": 0.35},
}
for _state, _weights in _HOME_WEIGHT.items():
    _routes = tuple(r for r in LAND_ROUTES if _state in (r.state_a, r.state_b))
    BORDER_HOME_ROUTES[_state] = (_routes, tuple(_weights[r.side(_state)[0]] for r in _routes))
