"""The centre model: layout format v1 (``../shared/design.md`` §2), as pydantic models.

The file format is a contract: the same files must keep loading, so fields are only ever added.
Every model forbids unknown fields; lengths accept a bare number (metres) or a string with a unit;
coordinates must be finite. Every magnitude has a bound (:data:`MAX_HEIGHT`, :data:`MAX_COORDINATE`,
:data:`MAX_COUNT` …) and every text a length bound and no control characters
(:func:`planner.text_safety.check_text`), so a misread or hostile value is refused with its field
named rather than processed. The bounds are project choices against absurd values (no standard
sets them): each lies far beyond any real centre. Cross-references (unique ids, doors naming existing rooms) are checked
on :class:`Centre`. Geometry (self-intersections, overlaps) is checked by :mod:`planner.geometry`.
"""
from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Sequence
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    NonNegativeFloat,
    NonNegativeInt,
    field_validator,
    model_validator,
)

from centreplan.planner.text_safety import check_text, excerpt
from centreplan.planner.units import length_m, magnitude

FORMAT: Literal["centreplan/1"] = "centreplan/1"
OUTSIDE = "outside"

USES = (
    "dormitory", "family_room", "sanitary", "medical", "isolation", "interview", "child_space",
    "women_space", "dining", "kitchen", "food_store", "laundry", "storage", "luggage", "office",
    "reception", "waiting", "recreation", "prayer", "visits", "legal", "staff_room", "security",
    "corridor", "outdoor", "technical",
    # transit/flow/infection: the stations of a disembarkation flow (arrival → triage → registration)
    "arrival", "triage", "registration",
)
# The stations new arrivals pass in a transit centre, in order, before the accommodation.
FLOW_USES = ("arrival", "triage", "registration")
GROUPS = ("men", "women", "boys", "girls", "families", "staff", "all")
RESIDENT_GROUPS = ("men", "women", "boys", "girls", "families")
FEMALE_GROUPS = ("women", "girls")
MALE_GROUPS = ("men", "boys")
MINOR_GROUPS = ("boys", "girls")
SLEEPING_USES = ("dormitory", "family_room")
FIXTURES = ("wc", "shower", "basin", "urinal", "phone")
CLIMATES = ("hot", "temperate", "cold")
PHASES = ("emergency", "stabilised")
# What the centre is for (optional): ``transit`` selects the transit-centre rules (stays of a few
# days); ``assistance`` and ``collective`` are longer stays. Unset: the rules of longer stays apply.
CENTRE_TYPES = ("assistance", "transit", "collective")

Use = Literal[USES]  # type: ignore[valid-type]
Group = Literal[GROUPS]  # type: ignore[valid-type]
Climate = Literal[CLIMATES]  # type: ignore[valid-type]
Phase = Literal[PHASES]  # type: ignore[valid-type]
CentreType = Literal[CENTRE_TYPES]  # type: ignore[valid-type]
# How a room or a toilet cubicle locks: from inside (its users close it), from outside (staff close
# it), both, or not at all. ``lockable: true`` means lockable from inside (``inside`` or ``both``).
LOCKS = ("inside", "outside", "both", "none")
LOCKS_INSIDE = ("inside", "both")
# Who comes in through an exit: residents, staff, deliveries (an exit may serve several).
ENTRANCE_ROLES = ("residents", "staff", "deliveries")
FENCES = ("wall", "fence", "none")
Lock = Literal[LOCKS]  # type: ignore[valid-type]
EntranceRole = Literal[ENTRANCE_ROLES]  # type: ignore[valid-type]

ID_PATTERN = r"^[A-Za-z0-9_-]+$"

# A centre larger than this is refused with a message rather than processed slowly.
MAX_ROOMS = 20_000
# Bounds against misread or hostile values (project choices, far beyond any real centre).
MAX_DOORS = 100_000
MAX_POINTS = 10_000  # points of one room outline
MAX_WINDOWS = 1_000  # windows of one room
MAX_HEIGHT = 100.0  # m: a room's clear height
MAX_OPENING = 100.0  # m: a door's or a window's width or height
MAX_COORDINATE = 20_000_000.0  # m: half the Earth's circumference; UTM northings are below 10 000 km
MAX_COUNT = 100_000  # beds, seats, occupants, households, fixtures of one room
MAX_POPULATION = 1_000_000  # persons of one group of a centre
MAX_LEVEL = 200  # storeys above or below the ground floor
MAX_NAME = 200  # characters of a name or a location
MAX_NOTE = 10_000  # characters of a note
MAX_NOTES = 1_000  # notes of a centre
MAX_STEP = 5.0  # m: a change of level at a door (a storey is about 3 m)
MAX_LUX = 200_000.0  # lx: direct sunlight is about 100 000 lx
MAX_PATHS = 10_000  # outdoor paths of a centre
MAX_GATES = 1_000  # gates of a site perimeter


def _bounded_length(most: float):
    def check(value: Any) -> float:
        if type(value) is float:  # the common case, as length_m gives it (a layout has thousands)
            v = round(value, 9)
            if 0 < v <= most:
                return v
        v = length_m(value)
        if v <= 0:
            raise ValueError(f"must be greater than 0 m, got {v:g} m")
        if v > most:
            raise ValueError(f"must be at most {most:g} m, got {v:g} m")
        return v
    return check


_positive_length = _bounded_length(MAX_OPENING)
Length = Annotated[float, BeforeValidator(_positive_length)]
Height = Annotated[float, BeforeValidator(_bounded_length(MAX_HEIGHT))]


def _coordinate(value: Any) -> float:
    if type(value) is float and -MAX_COORDINATE <= value <= MAX_COORDINATE:  # most of a layout's numbers
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        if isinstance(value, str):
            value = length_m(value)  # "2,5" and "250 cm" as lengths are; nothing is evaluated
        else:
            raise ValueError(f"{excerpt(value)} is not a number")
    try:
        v = float(value)
    except OverflowError:
        raise ValueError(f"{excerpt(value)} is not a coordinate: at most {MAX_COORDINATE:g} m "
                         "from the origin") from None
    if not math.isfinite(v):
        raise ValueError(f"{excerpt(value)} is not a finite number")
    if abs(v) > MAX_COORDINATE:
        raise ValueError(f"{v:g} is not a coordinate: at most {MAX_COORDINATE:g} m from the origin")
    return v


Coordinate = Annotated[float, BeforeValidator(_coordinate)]
Point = tuple[Coordinate, Coordinate]
Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]
Persons = Annotated[int, Field(ge=0, le=MAX_POPULATION)]
Level = Annotated[int, Field(ge=-MAX_LEVEL, le=MAX_LEVEL)]
Name = Annotated[str, AfterValidator(lambda v: check_text(v, max_length=MAX_NAME))]
Note = Annotated[str, AfterValidator(lambda v: check_text(v, max_length=MAX_NOTE, multiline=True))]
RoomRef = Annotated[str, Field(min_length=1, max_length=64)]


def _lighting(value: Any) -> Any:
    """``lit``, ``unlit``, or an illuminance: a bare number is lux (``50``, ``"50 lx"``, ``"50 lux"``)."""
    if isinstance(value, str) and value.strip().lower() in ("lit", "unlit"):
        return value.strip().lower()
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a lighting: write lit, unlit or an illuminance in lux (50 lx)")
    if not isinstance(value, (int, float, str)):
        raise ValueError(f"{excerpt(value)} is not a lighting: write lit, unlit or an illuminance in lux (50 lx)")
    try:
        v = magnitude(value, "lux")
    except ValueError as e:  # UnitError is a ValueError
        raise ValueError(f"{e}; write lit, unlit or an illuminance in lux (50 lx)") from None
    if not 0 <= v <= MAX_LUX:
        raise ValueError(f"an illuminance must be between 0 and {MAX_LUX:g} lx, got {v:g} lx")
    return v


def _slope(value: Any) -> float:
    """A ramp's running slope as a ratio: ``"1:12"``, ``0.083``, ``"8.3 %"``."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a slope: write 1:12, 0.083 or 8.3 %")
    if isinstance(value, str) and ":" in value:
        rise, _, run = value.partition(":")
        try:
            a, b = float(rise.replace(",", ".")), float(run.replace(",", "."))
        except ValueError:
            raise ValueError(f"{excerpt(value)} is not a slope: write 1:12, 0.083 or 8.3 %") from None
        if not (math.isfinite(a) and math.isfinite(b)) or a <= 0 or b <= 0:
            raise ValueError(f"{excerpt(value)} is not a slope: rise and run must be positive (1:12)")
        v = a / b
    else:
        try:
            v = magnitude(value, "dimensionless")
        except ValueError as e:
            raise ValueError(f"{e}; write a slope as 1:12, 0.083 or 8.3 %") from None
    if not 0 < v <= 1:
        raise ValueError(f"a ramp's slope must be above 0 and at most 1:1 (100 %), got {v:g}")
    return round(v, 9)  # as files keep it, so a saved layout loads back equal


def _step(value: Any) -> float:
    v = length_m(value)
    if not 0 <= v <= MAX_STEP:
        raise ValueError(f"a step must be between 0 and {MAX_STEP:g} m, got {v:g} m")
    return v


Lighting = Annotated[float | Literal["lit", "unlit"], BeforeValidator(_lighting)]
Slope = Annotated[float, BeforeValidator(_slope)]
Step = Annotated[float, BeforeValidator(_step)]


def is_lit(lighting: float | str | None, min_lux: float) -> bool | None:
    """Whether a lighting meets ``min_lux``: ``lit`` does, ``unlit`` does not, lux are compared;
    None when the lighting is not given."""
    if lighting is None:
        return None
    if isinstance(lighting, str):
        return lighting == "lit"
    return lighting + 1e-9 >= min_lux


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Window(_Strict):
    """A window: its glazed area is width × height; openable windows count for ventilation."""

    width: Length
    height: Length
    openable: bool = True


class Fixtures(_Strict):
    """Sanitary and other fixtures in a room (counts)."""

    wc: Count = 0
    shower: Count = 0
    basin: Count = 0
    urinal: Count = 0
    phone: Count = 0
    # how many of the WCs and showers are accessible (not counted twice in total())
    accessible_wc: Count | None = None
    accessible_shower: Count | None = None

    @model_validator(mode="after")
    def _accessible_within(self) -> Fixtures:
        for f in ("wc", "shower"):
            n = getattr(self, f"accessible_{f}")
            if n is not None and n > getattr(self, f):
                raise ValueError(f"accessible_{f}: {n} accessible cannot be more than {f} ({getattr(self, f)})")
        return self

    def total(self) -> int:
        return self.wc + self.shower + self.basin + self.urinal + self.phone


class Room(_Strict):
    """A room (or an outdoor space) drawn as a polygon in plan coordinates (metres)."""

    id: str = Field(pattern=ID_PATTERN, min_length=1, max_length=64)
    name: Name | None = None
    use: Use
    group: Group = "all"
    level: Level = 0
    height: Height | None = None
    polygon: list[Point] = Field(min_length=3, max_length=MAX_POINTS)
    beds: Count = 0
    lockable: bool | None = None
    lock: Lock | None = Field(default=None, description="how the room locks: inside (its users lock it), "
                              "outside (staff lock it), both or none; lockable: true means inside or both")
    accessible: bool | None = Field(default=None, description="usable by a wheelchair user: step-free, "
                                    "with a turning circle (an accessible WC, shower or sleeping place)")
    lighting: Lighting | None = Field(default=None, description="lit, unlit or an illuminance in lux")
    windows: list[Window] | None = Field(default=None, max_length=MAX_WINDOWS)
    fixtures: Fixtures | None = None
    households: Count | None = None
    occupants: Count | None = None
    seats: Count | None = None
    notes: Note | None = None

    @field_validator("polygon", mode="before")
    @classmethod
    def _polygon_points(cls, value: Any) -> Any:
        if isinstance(value, list):
            for i, p in enumerate(value):
                if not isinstance(p, (list, tuple)) or len(p) != 2:
                    raise ValueError(f"point {i} must be [x, y], got {excerpt(p)}")
            if len(value) >= 4 and list(value[0]) == list(value[-1]):
                value = value[:-1]  # a closing point repeating the first is accepted and dropped
            if len(value) < 3:
                raise ValueError(f"a polygon needs at least 3 distinct points, got {len(value)}")
        return value

    @model_validator(mode="after")
    def _lock_agrees(self) -> Room:
        if self.lock is not None and self.lockable is not None and self.lockable != (self.lock in LOCKS_INSIDE):
            raise ValueError(f"lock: '{self.lock}' contradicts lockable: {str(self.lockable).lower()} "
                             "(lockable: true means lockable from inside, lock inside or both)")
        return self

    def accessible_count(self, fixture: str) -> int | None:
        """Accessible WCs or showers of the room: ``fixtures.accessible_<fixture>`` when given, else all
        of them when the room is ``accessible``, none when it is not; None when neither is given."""
        if self.fixtures is None:
            return None
        given = getattr(self.fixtures, f"accessible_{fixture}")
        if given is not None:
            return int(given)
        if self.accessible is None:
            return None
        return int(getattr(self.fixtures, fixture)) if self.accessible else 0

    @property
    def locks_inside(self) -> bool | None:
        """Whether the room locks from inside: from ``lock`` when given, else ``lockable``."""
        if self.lock is not None:
            return self.lock in LOCKS_INSIDE
        return self.lockable

    @property
    def label(self) -> str:
        return self.name or self.id

    @property
    def is_sleeping(self) -> bool:
        return self.use in SLEEPING_USES

    @property
    def is_sanitary(self) -> bool:
        return self.use == "sanitary"


class Door(_Strict):
    """A door between two rooms, or between a room and ``outside``."""

    id: str = Field(pattern=ID_PATTERN, min_length=1, max_length=64)
    between: tuple[RoomRef, RoomRef]
    width: Length
    at: Point | None = None
    step: Step | None = Field(default=None, description="change of level at the door, metres (0: level)")
    ramp_slope: Slope | None = Field(default=None, description="running slope of the ramp over the step: "
                                     "1:12, 0.083 or 8.3 %")
    lighting: Lighting | None = Field(default=None, description="lit, unlit or an illuminance in lux")
    entrance: list[EntranceRole] | None = Field(
        default=None, max_length=len(ENTRANCE_ROLES),
        description="who comes in through this exit: residents, staff, deliveries")
    one_way: bool | None = Field(
        default=None, description="true: people pass only from the first room of `between` to the second "
        "(the way into isolation from triage); unset or false: both ways")

    def passable(self, from_room: str) -> bool:
        """Whether people may walk through the door starting from ``from_room``."""
        return not self.one_way or self.between[0] == from_room

    @property
    def to_outside(self) -> bool:
        return OUTSIDE in self.between

    def other(self, room_id: str) -> str:
        a, b = self.between
        return b if a == room_id else a


class CentreInfo(_Strict):
    name: Name = Field(min_length=1)
    climate: Climate = "hot"
    phase: Phase = "stabilised"
    type: CentreType | None = Field(
        default=None, description="what the centre is for: assistance | transit | collective; "
        "transit selects the transit-centre rules (stays of a few days)")
    levels: int = Field(default=1, ge=1, le=2 * MAX_LEVEL + 1)
    lift: bool | None = Field(default=None, description="a lift serves every level")
    confidential: bool = False
    location: Name | None = None
    notes: Annotated[list[Note], Field(max_length=MAX_NOTES)] | Note | None = None


class Path(_Strict):
    """An outdoor path drawn as a polyline (plan coordinates, metres), with its lighting and who walks it."""

    id: str = Field(pattern=ID_PATTERN, min_length=1, max_length=64)
    name: Name | None = None
    points: list[Point] = Field(min_length=2, max_length=MAX_POINTS)
    lighting: Lighting | None = Field(default=None, description="lit, unlit or an illuminance in lux")
    groups: list[Group] | None = Field(default=None, max_length=len(GROUPS),
                                       description="who walks it (default: everyone)")
    level: Level = 0

    @property
    def label(self) -> str:
        return self.name or self.id

    def serves(self, group: str) -> bool:
        return self.groups is None or group in self.groups or "all" in self.groups


class Gate(_Strict):
    """A gate in the site perimeter."""

    id: str = Field(pattern=ID_PATTERN, min_length=1, max_length=64)
    at: Point
    width: Length
    controlled: bool | None = Field(default=None, description="watched or locked: a guard post, an "
                                    "entry control or a gate kept locked")
    entrance: list[EntranceRole] | None = Field(default=None, max_length=len(ENTRANCE_ROLES))


class Perimeter(_Strict):
    """The site boundary: its outline, what closes it (wall, fence or nothing), its height and gates."""

    polygon: list[Point] = Field(min_length=3, max_length=MAX_POINTS)
    fence: Literal[FENCES]  # type: ignore[valid-type]
    height: Height | None = None
    gates: list[Gate] = Field(default_factory=list, max_length=MAX_GATES)

    _closing = field_validator("polygon", mode="before")(lambda cls, v: Room._polygon_points(v))

    @property
    def length(self) -> float:
        """The outline's length, metres (the fence or wall to build)."""
        pts = list(self.polygon) + [self.polygon[0]]
        return sum(math.dist(a, b) for a, b in zip(pts, pts[1:]))


class Site(_Strict):
    """The site around the buildings (optional): its perimeter."""

    perimeter: Perimeter | None = None


class Population(_Strict):
    """Planned peak capacity, persons. Boys and girls are unaccompanied minors."""

    men: Persons = 0
    women: Persons = 0
    boys: Persons = 0
    girls: Persons = 0
    family_persons: Persons = 0
    households: Persons = 0
    staff: Persons = 0

    @property
    def residents(self) -> int:
        return self.men + self.women + self.boys + self.girls + self.family_persons

    def of_group(self, group: str) -> int:
        """N(g): the planned population of a group (``families`` counts family persons)."""
        if group == "families":
            return self.family_persons
        if group == "all":
            return self.residents
        return int(getattr(self, group))

    @model_validator(mode="after")
    def _households(self) -> Population:
        if self.family_persons > 0 and self.households == 0:
            raise ValueError("households: family_persons is set, so households must be at least 1")
        if self.households > self.family_persons:
            raise ValueError(
                f"households: {self.households} households cannot be more than "
                f"family_persons ({self.family_persons})"
            )
        return self


class SavedPrice(_Strict):
    """A unit price for an equipment item, as the user found it: amount, currency, date, source."""

    amount: float = Field(gt=0)
    currency: Literal["EUR", "XOF", "CHF", "USD"] = "EUR"
    date: _dt.date
    source: str = "set by the user"


class EquipmentInputs(_Strict):
    """Inputs for the equipment list that the rooms do not hold, saved with the centre (optional).

    Ages (for menstrual kits, cots, ECD and recreation kits), surge places, outpatients, the place of
    delivery, quantity overrides by item id and unit prices by item id. ``centres.<name>`` of an
    equipment parameters file takes precedence over these.
    """

    women_15_49: NonNegativeInt | None = None
    children_0_6: NonNegativeInt | None = None
    children_7_18: NonNegativeInt | None = None
    infants_0_2: NonNegativeInt | None = None
    surge_places: NonNegativeInt | None = None
    outpatients_per_day: NonNegativeInt | None = None
    delivery_place: str | None = None
    overrides: dict[str, NonNegativeFloat] = Field(default_factory=dict)
    prices: dict[str, SavedPrice] = Field(default_factory=dict)


class Centre(_Strict):
    """A centre layout, format ``centreplan/1``."""

    format: Literal["centreplan/1"] = FORMAT
    centre: CentreInfo
    population: Population = Field(default_factory=Population)
    rooms: list[Room] = Field(default_factory=list, max_length=MAX_ROOMS)
    doors: list[Door] = Field(default_factory=list, max_length=MAX_DOORS)
    paths: list[Path] | None = Field(default=None, max_length=MAX_PATHS)
    site: Site | None = None
    equipment: EquipmentInputs | None = None

    @model_validator(mode="after")
    def _references(self) -> Centre:
        errors: list[str] = []
        for i, room in enumerate(self.rooms):
            if room.id == OUTSIDE:
                errors.append(f"rooms[{i}].id: '{OUTSIDE}' is reserved for doors to the outside")
        seen = _first_of_each_id(self.rooms, "rooms", errors)
        _first_of_each_id(self.doors, "doors", errors)
        _first_of_each_id(self.paths or [], "paths", errors)
        if self.site is not None and self.site.perimeter is not None:
            _first_of_each_id(self.site.perimeter.gates, "site.perimeter.gates", errors)
        for i, door in enumerate(self.doors):
            a, b = door.between
            for end in (a, b):
                if end != OUTSIDE and end not in seen:
                    errors.append(f"doors[{i}].between: unknown room {excerpt(end)}")
            if a == b:
                errors.append(f"doors[{i}].between: a door joins two different rooms, got {excerpt(a)} twice")
            if door.to_outside and door.at is None:
                errors.append(f"doors[{i}].at: a door to outside needs 'at', a point on the room's outline")
            if door.entrance and not door.to_outside and not any(
                    e in seen and self.rooms[seen[e]].use == "outdoor" for e in (a, b)):
                errors.append(f"doors[{i}].entrance: only an exit (a door to outside or to an outdoor room) "
                              "is an entrance")
        if errors:
            raise ValueError("\n".join(errors))
        return self

    # ---- convenience read-only views -------------------------------------------------------
    def room(self, room_id: str) -> Room:
        for r in self.rooms:
            if r.id == room_id:
                return r
        raise KeyError(room_id)

    def rooms_by_id(self) -> dict[str, Room]:
        return {r.id: r for r in self.rooms}

    @property
    def beds(self) -> int:
        return sum(r.beds for r in self.rooms)


def _first_of_each_id(items: Sequence[Any], where: str, errors: list[str]) -> dict[str, int]:
    """The index of each id's first item; a repeated id is written into ``errors`` with both places."""
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        if item.id in seen:
            errors.append(f"{where}[{i}].id: duplicate id '{item.id}' (also {where}[{seen[item.id]}])")
        else:
            seen[item.id] = i
    return seen


def json_schema() -> dict[str, Any]:
    """The JSON Schema of layout format v1."""
    schema = Centre.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "centreplan layout, format centreplan/1"
    return schema


_ROW = re.compile(r"^\d+$")


def error_place(loc: tuple[Any, ...]) -> str:
    """A pydantic error location as users read it: ``rooms[3].polygon``."""
    out = ""
    for part in loc:
        if isinstance(part, int) or (isinstance(part, str) and _ROW.match(part)):
            out += f"[{part}]"
        elif isinstance(part, str) and (part.startswith(("function-", "constrained-", "tagged-union")) or (
                "[" in part and part.startswith(("literal", "tuple", "list", "nullable")))):
            continue  # pydantic's names of validators and type wrappers, not places in the layout
        else:
            out += ("." if out else "") + str(part)
    return out
