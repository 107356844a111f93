"""What a rule kind is and what it returns: the :class:`Kind` base, :class:`Judgement`, the values a
renderer writes per language, :class:`Requirement` and the registry :data:`KINDS`.

A kind judges one subject (a room, a door, a group, a use, the centre) and returns numbers —
measured, required, unit, comparator — with a reason key and the rooms concerned; it never writes a
sentence. The engine (:mod:`standards.engine`) chooses the subjects and owns applicability;
:mod:`standards.render` writes the message, ``measured`` and ``required`` in each language.

Kinds that are really several kinds behind a mode parameter (``separation.mode``,
``min_dimension.target`` …) register one class per mode with :func:`register` (``mode=``): the pack
YAML keeps ``kind: separation, params: {mode: route}`` and the loader picks the class.

This module imports only the parameter types, so packs, kinds, the engine and the programme all
import it and there is no cycle.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict

from centreplan.planner.model import GROUPS, USES

if TYPE_CHECKING:  # only for annotations: the engine's data and the programme's question
    from centreplan.standards.env import Env
    from centreplan.standards.packs import Rule

EPS = 1e-9
Status = Literal["pass", "fail", "not_applicable", "cannot_evaluate"]
Comparator = Literal[">=", "<=", "=="]
SIGNS = {">=": "≥", "<=": "≤", "==": "="}


class Params(BaseModel):
    """Base of every kind's parameters: frozen, unknown keys refused."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def check_uses(v: list[str]) -> list[str]:
    for u in v:
        if u not in USES:
            raise ValueError(f"{u!r} is not a use; valid uses: {', '.join(USES)}")
    return v


def check_groups(v: list[str]) -> list[str]:
    for g in v:
        if g not in GROUPS:
            raise ValueError(f"{g!r} is not a group; valid groups: {', '.join(GROUPS)}")
    return v


# ---- values a renderer writes per language -------------------------------------------------------
# A check of 5,500 rooms makes some 170,000 of these: slots (a third of the memory of an instance
# with its own dictionary) and an ``__init__`` written out (a frozen dataclass's own goes through
# the generic ``__setattr__`` of the class).
_set = object.__setattr__


@dataclass(frozen=True, slots=True, init=False)
class Num:
    """A measured or required number with its unit (a code of planner/vocabulary.yaml ``units``)."""

    value: float
    unit: str | None = None
    digits: int = 1

    def __init__(self, value: float, unit: str | None = None, digits: int = 1):
        _set(self, "value", value)
        _set(self, "unit", unit)
        _set(self, "digits", digits)


@dataclass(frozen=True, slots=True, init=False)
class Count:
    """A whole count of a unit (``3 lits``); ``en`` fixes the English word of the report contract
    (``wc``, ``door(s)``) where it differs from the vocabulary's."""

    n: int
    unit: str
    en: str | None = None

    def __init__(self, n: int, unit: str, en: str | None = None):
        _set(self, "n", n)
        _set(self, "unit", unit)
        _set(self, "en", en)


@dataclass(frozen=True, slots=True, init=False)
class Code:
    """A code of a vocabulary table: written as the code in the English contract strings and as its
    name in French (``dormitory`` / ``dortoir``); ``form`` is ``name`` or ``plural``."""

    table: str
    code: str
    form: str = "name"

    def __init__(self, table: str, code: str, form: str = "name"):
        _set(self, "table", table)
        _set(self, "code", code)
        _set(self, "form", form)


@dataclass(frozen=True, slots=True, init=False)
class CountOf:
    """``n`` of a vocabulary code as a counted noun (``1 local médical``, ``2 locaux médicaux``)."""

    n: int
    table: str
    code: str

    def __init__(self, n: int, table: str, code: str):
        _set(self, "n", n)
        _set(self, "table", table)
        _set(self, "code", code)


@dataclass(frozen=True, slots=True, init=False)
class Name:
    """A code of a vocabulary table written as its name in every language (in sentences)."""

    table: str
    code: str
    form: str = "name"

    def __init__(self, table: str, code: str, form: str = "name"):
        _set(self, "table", table)
        _set(self, "code", code)
        _set(self, "form", form)


@dataclass(frozen=True, slots=True, init=False)
class Phrase:
    """A ``measured``/``required`` text: a key of messages.yaml ``phrases`` and the values it shows."""

    key: str
    values: Mapping[str, Any] = field(default_factory=dict)

    def __init__(self, key: str, values: Mapping[str, Any] | None = None):
        _set(self, "key", key)
        _set(self, "values", {} if values is None else values)


@dataclass(frozen=True, slots=True, init=False)
class Subject:
    """What a finding is about: a key of messages.yaml ``subjects`` (room, door, group, use, fixture,
    centre, pair, rooms, exits), the finding's ``subject`` key, and the values its name shows."""

    template: str
    key: str | None
    values: Mapping[str, Any] = field(default_factory=dict)

    def __init__(self, template: str, key: str | None, values: Mapping[str, Any] | None = None):
        _set(self, "template", template)
        _set(self, "key", key)
        _set(self, "values", {} if values is None else values)


@dataclass(frozen=True, init=False)
class Judgement:
    """A kind's verdict on one subject, as numbers.

    ``measured``/``required`` with ``unit`` and ``comparator`` are the numeric fields of the finding;
    ``shows``/``requires`` are the phrases of its ``measured``/``required`` texts when they say more
    than a number and a unit (``2 door(s), 6.0 m apart``). ``reason`` names an entry of
    messages.yaml ``reasons``; ``values`` fill the rule's message placeholders; ``unverified`` names a
    parameter whose unverified figure was used.

    A check makes one per room and rule, tens of thousands for a large centre: its ``__init__`` is
    written out to fill the fields at once (a frozen dataclass's own sets them one by one).
    """

    status: Status
    subject: Subject | None = None  # None: the room the engine gave the kind
    measured: float | None = None
    required: float | None = None
    unit: str | None = None
    comparator: Comparator | None = None
    digits: int = 1
    shows: Phrase | None = None
    requires: Phrase | None = None
    reason: str | None = None
    values: Mapping[str, Any] = field(default_factory=dict)
    rooms: tuple[str, ...] = ()
    group: str | None = None
    unverified: str | None = None

    def __init__(self, status: Status, subject: Subject | None = None, measured: float | None = None,
                 required: float | None = None, unit: str | None = None, comparator: Comparator | None = None,
                 digits: int = 1, shows: Phrase | None = None, requires: Phrase | None = None,
                 reason: str | None = None, values: Mapping[str, Any] | None = None, rooms: tuple[str, ...] = (),
                 group: str | None = None, unverified: str | None = None):
        object.__setattr__(self, "__dict__", {
            "status": status, "subject": subject, "measured": measured, "required": required, "unit": unit,
            "comparator": comparator, "digits": digits, "shows": shows, "requires": requires, "reason": reason,
            "values": {} if values is None else values, "rooms": rooms, "group": group, "unverified": unverified})

    @staticmethod
    def holds(measured: float, required: float, comparator: Comparator) -> bool:
        """``measured comparator required`` with a tolerance for float noise."""
        if comparator == ">=":
            return measured + EPS >= required
        if comparator == "<=":
            return measured <= required + EPS
        return abs(measured - required) <= EPS

    @classmethod
    def compare(cls, measured: float, required: float, comparator: Comparator = ">=", unit: str | None = None,
                digits: int = 1, **more: Any) -> Judgement:
        """Pass or fail from the comparison; the texts are the two numbers and the unit."""
        status: Status = "pass" if cls.holds(measured, required, comparator) else "fail"
        return cls(status, measured=measured, required=required, unit=unit, comparator=comparator,
                   digits=digits, **more)


# a pass as numbers (:meth:`Kind.quick`): ``(measured, required)`` for the room judged, or
# ``(measured, required, rooms, group)``; its texts read nothing else (a pass's sentence shows the
# subject, the title and the two numbers, never the values a failure's message reads)
Pass = tuple[float, float] | tuple[float, float, tuple[str, ...], str | None]
# a pass whose texts are phrases (:meth:`Kind.quick`): ``(measured, required, rooms, group, build, args)``,
# ``build(*args)`` being the judgement :meth:`Kind.judge` gives, made of plain values (no env: a report
# whose texts are not written yet keeps them), with those numbers, rooms and group
PhrasePass = tuple[float | None, float | None, tuple[str, ...], str | None, Callable[..., "Judgement"], tuple[Any, ...]]


@dataclass(frozen=True)
class Missing:
    """Data a kind needs that the layout lacks: judged ``cannot_evaluate`` for ``reason``."""

    reason: str


# ---- what a rule requires of a programme -----------------------------------------------------------
@dataclass(frozen=True)
class Need:
    """The question the programme asks a rule: for this resident group (None: the centre), its
    sleeping-room use, the population, phase and climate, what do you require?"""

    group: str | None
    use: str | None
    population: Any  # planner.model.Population
    phase: str
    climate: str


@dataclass(frozen=True)
class Requirement:
    """One figure a rule sets for a programme line.

    ``item`` is the line (``sleeping``, ``fixture``, ``room``, ``site_area``, ``exit_width``,
    ``capacity``, ``sanitary``); ``figure`` the figure (``beds_per_room``, ``area_per_person``,
    ``min_height`` …); ``value`` its value; ``stricter`` tells which of two values is the stricter
    (``max``: the larger, ``min``: the smaller, ``any``: a yes/no or a list); ``key`` tells lines of
    one item apart (a fixture, a use); ``extra`` holds what the line shows besides the value.
    """

    item: str
    figure: str
    value: Any
    stricter: Literal["max", "min", "any"] = "max"
    key: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)


# ---- kinds and their registry ----------------------------------------------------------------------
class Kind:
    """Base of rule kinds.

    ``subjects`` says what the engine hands to :meth:`judge`: ``rooms`` (each room the rule applies
    to; ``not_applicable`` when there is none, and ``cannot_evaluate`` for rooms with an invalid
    outline when ``needs_valid``) or ``rule`` (the kind judges the whole rule once in
    :meth:`judge_rule` and returns one judgement per subject it finds).

    :meth:`requirement` gives what a rule of the kind requires of the room programme; a kind that
    sets no programme line says so with ``programme = False`` (a test holds every kind to one or the
    other).
    """

    name: ClassVar[str]
    mode: ClassVar[str | None] = None  # the value of the mode parameter this class judges
    Params: ClassVar[type[BaseModel]] = Params
    fields: ClassVar[tuple[str, ...]] = ()  # extra placeholders its message templates may use
    subjects: ClassVar[Literal["rooms", "rule"]] = "rule"
    needs_valid: ClassVar[bool] = False
    programme: ClassVar[bool] = True
    # ``(unit, comparator, digits)`` of a kind whose :meth:`quick` gives its passes as numbers or as
    # phrases (None: it gives judgements only). Most findings of a large check are such passes (at
    # 5,500 rooms, 54,032 of 63,116: 30,800 as numbers, 23,232 as phrases): the engine makes their
    # findings from the numbers, and the judgement that writes their texts (``Judgement.compare`` of
    # the numbers, or the kind's own function of a :data:`PhrasePass`) only when they are read.
    pass_form: ClassVar[tuple[str | None, Comparator | None, int] | None] = None

    def judge(self, room: Any, p: Any, env: Env) -> Judgement:  # pragma: no cover - per kind
        raise NotImplementedError

    def quick(self, room: Any, p: Any, env: Env) -> Judgement | Pass | PhrasePass:
        """What :meth:`judge` says of ``room``, or, for a pass of a kind with a :attr:`pass_form`,
        only its numbers (:data:`Pass`) or what makes its phrases (:data:`PhrasePass`)."""
        return self.judge(room, p, env)

    def judge_rule(self, rule: Rule, env: Env) -> list[Judgement]:  # pragma: no cover - per kind
        raise NotImplementedError

    def requirement(self, rule: Rule, need: Need) -> list[Requirement]:
        """The figures this rule sets for the programme line ``need`` asks about (none by default)."""
        return []


class Modes:
    """A kind name whose classes differ by one parameter (``mode``, ``target``, ``scope`` …)."""

    def __init__(self, name: str, param: str, default: str | None):
        self.name = name
        self.param = param
        self.default = default
        self.classes: dict[str, type[Kind]] = {}

    def resolve(self, params: Mapping[str, Any]) -> type[Kind] | str:
        """The class for ``params``, or the problem (an unknown or missing mode)."""
        value = params.get(self.param, self.default) if isinstance(params, Mapping) else None
        if value is None:
            return f"params.{self.param}: Field required"
        if value not in self.classes:
            options = ", ".join(repr(m) for m in self.classes)
            return f"params.{self.param}: Input should be one of {options}"
        return self.classes[value]


KINDS: dict[str, Modes] = {}


def register(param: str | None = None, default: str | None = None):
    """Class decorator: ``@register()`` for a kind of one class; ``@register("mode")`` on each class of a
    kind split by the value of parameter ``mode`` (the class's ``mode`` attribute; ``default`` when
    the pack leaves the parameter out)."""
    def add(cls: type[Kind]) -> type[Kind]:
        modes = KINDS.get(cls.name)
        if modes is None:
            modes = KINDS[cls.name] = Modes(cls.name, param or "", default)
        key = cls.mode if param else ""
        modes.classes[key or ""] = cls
        return cls
    return add


def resolve(kind: str, params: Mapping[str, Any]) -> type[Kind] | str:
    """The kind class a rule's ``kind`` and ``params`` name, or the problem."""
    modes = KINDS.get(kind)
    if modes is None:
        return f"kind: {kind!r} is not a rule kind; valid kinds: {', '.join(sorted(KINDS))}"
    if not modes.param:
        return modes.classes[""]
    return modes.resolve(params)


def kind_classes() -> list[type[Kind]]:
    """Every registered class, each mode apart."""
    return [c for m in KINDS.values() for c in m.classes.values()]
