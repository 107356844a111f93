"""Rule packs: rules as data (``standards/packs/<pack>.yaml``), loaded and validated with pydantic.

A pack holds rules; a rule names its kind (code in :mod:`standards.kinds`, registered in
:mod:`standards.registry`), its parameters with
units, what it applies to, its severity, its sources (document, edition, clause, URL) and the status
of its figures (verified / secondary / unverified), and the sentences shown to users in English and
French. Every model forbids unknown keys and each kind validates its own parameters, so a typo fails
at load time with a :class:`~planner.errors.PackError` naming the pack file and the rule.

Rule ids and pack ids are public names (``../shared/reference/rules.md``).
"""
from __future__ import annotations

import string
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator

import centreplan.standards.kinds  # noqa: F401 (registers every kind)
from centreplan.planner.errors import PackError
from centreplan.planner.model import CENTRE_TYPES, GROUPS, USES, error_place
from centreplan.planner.vocabulary import SafeLoader
from centreplan.standards.registry import KINDS, Kind, resolve

PACKS_DIR = Path(__file__).parent / "packs"
# the French of the packs' clauses and short names, keyed by their English (the pack files stay English)
CITATIONS_FR_FILE = Path(__file__).with_name("clauses_fr.yaml")
# the packs of rules.md, in the order reports list them
PACK_ORDER = ("integrity", "humanitarian", "protection", "accessibility", "fire", "fr-cra")
ALWAYS_ON = ("integrity",)

# placeholders every message template may use; kinds add their own (Kind.fields)
STANDARD_FIELDS = frozenset({"Subject", "subject", "name", "measured", "required", "group", "detail",
                             "rooms", "title", "climate", "phase", "limit", "Detail"})


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Strict):
    """A sentence in English and in French."""

    en: str = Field(min_length=1)
    fr: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en


class CitationsFr(_Strict):
    """The French of the packs' citations (``standards/clauses_fr.yaml``), keyed by the English text."""

    clauses: dict[str, str]
    shorts: dict[str, str] = Field(default_factory=dict)


@cache
def citations_fr() -> CitationsFr:
    """The French clauses and short names of ``standards/clauses_fr.yaml``."""
    try:
        data = yaml.load(CITATIONS_FR_FILE.read_text(encoding="utf-8"), Loader=SafeLoader)
        return CitationsFr.model_validate(data)
    except (OSError, yaml.YAMLError, ValidationError) as e:
        raise PackError(f"{CITATIONS_FR_FILE.name}: {e}") from None


class Source(_Strict):
    """Where a figure comes from."""

    short: str = Field(min_length=1)  # how a report cites it: "EASO 2016"
    document: str = Field(min_length=1)
    edition: str = Field(min_length=1)
    clause: str = Field(min_length=1)  # clause, indicator, article or page
    url: str | None = None
    ref: str | None = None  # the figure's number in reference/standards.md (SP7, EA2 …)

    def cite(self, lang: str = "en") -> str:
        """``EASO 2016, indicator 5.1``; in French ``EASO 2016, indicateur 5.1`` (a clause of a pack of
        one's own with no French entry is cited as its pack gives it)."""
        if lang == "fr":
            fr = citations_fr()
            text = f"{fr.shorts.get(self.short, self.short)}, {fr.clauses.get(self.clause, self.clause)}"
            # no line break between a guillemet and what it quotes
            return text.replace("« ", "«\u00a0").replace(" »", "\u00a0»")
        return f"{self.short}, {self.clause}"


class AppliesTo(_Strict):
    """Which rooms a rule looks at: uses and groups (both optional), and an exact bed count."""

    uses: list[str] | None = None
    groups: list[str] | None = None
    beds: int | None = None

    @field_validator("uses")
    @classmethod
    def _uses(cls, v: list[str] | None) -> list[str] | None:
        for u in v or []:
            if u not in USES:
                raise ValueError(f"{u!r} is not a use; valid uses: {', '.join(USES)}")
        return v

    @field_validator("groups")
    @classmethod
    def _groups(cls, v: list[str] | None) -> list[str] | None:
        for g in v or []:
            if g not in GROUPS:
                raise ValueError(f"{g!r} is not a group; valid groups: {', '.join(GROUPS)}")
        return v

    def matches(self, room: Any) -> bool:
        if self.uses is not None and room.use not in self.uses:
            return False
        if self.groups is not None and room.group not in self.groups:
            return False
        return self.beds is None or room.beds == self.beds


class UnverifiedFigure(_Strict):
    """A parameter whose figure is not confirmed in any text: it loads, and reports flag it."""

    param: str
    note: Text


class Rule(_Strict):
    """One rule of a pack."""

    id: str = Field(pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$")
    kind: str
    title: Text
    applies_to: AppliesTo = AppliesTo()
    params: dict[str, Any] = Field(default_factory=dict)
    severity: Literal["critical", "major", "minor"]
    status: Literal["verified", "secondary", "unverified"]
    sources: list[Source] = Field(min_length=1)
    note: str | None = None
    unverified: list[UnverifiedFigure] = Field(default_factory=list)
    message: Text  # the sentence of a fail
    fix: Text | None = None  # a suggested fix for a fail, where one is obvious
    # the centre types (centre.type) the rule is for; None: every centre (transit/flow/infection)
    centre_types: list[str] | None = None

    @field_validator("centre_types")
    @classmethod
    def _types(cls, v: list[str] | None) -> list[str] | None:
        for t in v or []:
            if t not in CENTRE_TYPES:
                raise ValueError(f"{t!r} is not a centre type; valid types: {', '.join(CENTRE_TYPES)}")
        return v

    def for_type(self, centre_type: str | None) -> bool:
        """Whether the rule applies to a centre of ``centre_type`` (None: a centre of no stated type)."""
        return self.centre_types is None or centre_type in self.centre_types

    _pack: str = PrivateAttr("")
    _p: Any = PrivateAttr(None)
    _kind: Any = PrivateAttr(None)

    @property
    def pack(self) -> str:
        return self._pack

    @property
    def p(self) -> Any:
        """The parameters, validated and converted by the rule's kind."""
        return self._p

    def kind_class(self) -> Kind:
        """The kind (for a kind split by mode, the class of this rule's mode) that judges the rule."""
        return self._kind

    def cite(self, lang: str = "en") -> str:
        """The rule's sources, in ``lang`` (a space before the semicolon in French)."""
        return (" ; " if lang == "fr" else "; ").join(s.cite(lang) for s in self.sources)

    @property
    def url(self) -> str | None:
        return next((s.url for s in self.sources if s.url), None)

    def unverified_note(self, param: str) -> Text | None:
        return next((u.note for u in self.unverified if u.param == param), None)


class Pack(_Strict):
    """A named set of rules."""

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    title: Text
    description: Text
    default_on: bool
    rules: list[Rule] = Field(min_length=1)

    @property
    def always_on(self) -> bool:
        return self.id in ALWAYS_ON

    def rule(self, rule_id: str) -> Rule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)


# ---- loading ------------------------------------------------------------------------------------
def _template_fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _compile(rule: Rule, pack_id: str) -> str | None:
    """Validate ``rule``'s parameters and templates against its kind; the problem, or None."""
    kind = resolve(rule.kind, rule.params)
    if isinstance(kind, str):
        return kind
    mode_param = KINDS[rule.kind].param
    params = {k: v for k, v in rule.params.items() if k != mode_param}
    try:
        parsed = kind.Params.model_validate(params)
    except ValidationError as e:
        return "; ".join(f"params.{error_place(err['loc'])}: {err['msg']}".replace("params.: ", "params: ")
                         for err in e.errors())
    allowed = STANDARD_FIELDS | set(kind.fields)
    for name, text in (("message", rule.message), ("fix", rule.fix)):
        if text is None:
            continue
        for lang in ("en", "fr"):
            try:
                unknown = _template_fields(text.get(lang)) - allowed
            except ValueError as e:
                return f"{name}.{lang}: {e}"
            if unknown:
                return (f"{name}.{lang}: unknown placeholder {{{sorted(unknown)[0]}}}; "
                        f"valid: {', '.join('{' + f + '}' for f in sorted(allowed))}")
    for u in rule.unverified:
        if u.param not in rule.params:
            return f"unverified: {u.param!r} is not a parameter of this rule"
    rule._p = parsed
    rule._pack = pack_id
    rule._kind = kind()
    return None


def _errors(e: ValidationError) -> str:
    """Every problem of a validation error, each at its place (extra keys named as such)."""
    parts = []
    for err in e.errors():
        place = error_place(err["loc"])
        msg = "unknown key (not allowed here)" if err["type"] == "extra_forbidden" else err["msg"]
        parts.append(f"{place}: {msg}" if place else msg)
    return "; ".join(parts)


def load_pack_file(path: str | Path) -> Pack:
    """Load and validate one pack file; a :class:`PackError` names the file and the rule."""
    path = Path(path)
    name = path.name
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader)
    except OSError as e:
        raise PackError(f"{name}: cannot be read ({e.strerror})") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise PackError(f"{name}: not valid YAML{where}: {getattr(e, 'problem', e)}") from None
    if not isinstance(data, dict):
        raise PackError(f"{name}: expected a mapping with id, title, description, default_on, rules")
    raw_rules = data.get("rules")
    if isinstance(raw_rules, list):
        for i, raw in enumerate(raw_rules):
            rid = raw.get("id", f"rules[{i}]") if isinstance(raw, dict) else f"rules[{i}]"
            try:
                Rule.model_validate(raw)
            except ValidationError as e:
                raise PackError(f"{name}: rule {rid}: " + _errors(e)) from None
    try:
        pack = Pack.model_validate(data)
    except ValidationError as e:
        raise PackError(f"{name}: " + _errors(e)) from None
    if pack.id != path.stem:
        raise PackError(f"{name}: id: {pack.id!r} must match the file name {path.stem!r}")
    seen: set[str] = set()
    for rule in pack.rules:
        if rule.id in seen:
            raise PackError(f"{name}: rule {rule.id}: id used twice in the pack")
        seen.add(rule.id)
        problem = _compile(rule, pack.id)
        if problem:
            raise PackError(f"{name}: rule {rule.id}: {problem}")
    return pack


def pack_names() -> list[str]:
    """The ids of the bundled packs, in report order."""
    found = sorted(p.stem for p in PACKS_DIR.glob("*.yaml"))
    return [n for n in PACK_ORDER if n in found] + [n for n in found if n not in PACK_ORDER]


@cache
def _bundled(name: str) -> Pack:
    return load_pack_file(PACKS_DIR / f"{name}.yaml")


def default_pack_names() -> list[str]:
    return [n for n in pack_names() if _bundled(n).default_on]


def parse_pack_list(text: str | None) -> list[str] | None:
    """``"a,b"`` → ``["a", "b"]`` (``None`` or empty → ``None``: the default packs)."""
    if text is None or not text.strip():
        return None
    return [n.strip() for n in text.split(",") if n.strip()]


def load_packs(names: Iterable[str | Pack] | None = None) -> list[Pack]:
    """The packs to check against: the default ones when ``names`` is None.

    ``integrity`` is always included (it cannot be disabled). An unknown name raises
    :class:`PackError` listing the valid ones. Pack objects are passed through.
    """
    valid = pack_names()
    if names is None:
        wanted: list[str | Pack] = list(default_pack_names())
    else:
        wanted = list(names)
    out: list[Pack] = []
    for item in wanted:
        if isinstance(item, Pack):
            out.append(item)
            continue
        if item not in valid:
            raise PackError(f"packs: unknown pack {item!r}; valid packs: {', '.join(valid)}")
        out.append(_bundled(item))
    ids = [p.id for p in out]
    for always in ALWAYS_ON:
        if always not in ids and always in valid:
            out.insert(0, _bundled(always))
    # report order; duplicates dropped
    order = {n: i for i, n in enumerate(valid)}
    unique: dict[str, Pack] = {}
    for p in sorted(out, key=lambda p: order.get(p.id, len(order))):
        unique.setdefault(p.id, p)
    rules: dict[str, str] = {}
    for p in unique.values():
        for r in p.rules:
            if r.id in rules:
                raise PackError(f"{p.id}.yaml: rule {r.id}: id also used in pack {rules[r.id]}")
            rules[r.id] = p.id
    return list(unique.values())
