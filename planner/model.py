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

from planner.text_safety import check_text, excerpt
from planner.units import length_m

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


def _bounded_length(most: float):
    def check(value: Any) -> float:
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
    confidential: bool = False
    location: Name | None = None
    notes: Annotated[list[Note], Field(max_length=MAX_NOTES)] | Note | None = None


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
    equipment: EquipmentInputs | None = None

    @model_validator(mode="after")
    def _references(self) -> Centre:
        errors: list[str] = []
        seen: dict[str, int] = {}
        for i, room in enumerate(self.rooms):
            if room.id == OUTSIDE:
                errors.append(f"rooms[{i}].id: '{OUTSIDE}' is reserved for doors to the outside")
            if room.id in seen:
                errors.append(f"rooms[{i}].id: duplicate id '{room.id}' (also rooms[{seen[room.id]}])")
            else:
                seen[room.id] = i
        door_seen: dict[str, int] = {}
        for i, door in enumerate(self.doors):
            if door.id in door_seen:
                errors.append(f"doors[{i}].id: duplicate id '{door.id}' (also doors[{door_seen[door.id]}])")
            else:
                door_seen[door.id] = i
            a, b = door.between
            for end in (a, b):
                if end != OUTSIDE and end not in seen:
                    errors.append(f"doors[{i}].between: unknown room {excerpt(end)}")
            if a == b:
                errors.append(f"doors[{i}].between: a door joins two different rooms, got {excerpt(a)} twice")
            if door.to_outside and door.at is None:
                errors.append(f"doors[{i}].at: a door to outside needs 'at', a point on the room's outline")
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
