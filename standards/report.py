"""The report of a check: findings and their summary (``../shared/design.md`` §3, a contract).

One model rendered many ways: the CLI's text, the JSON, the PDF and XLSX exports and the app all
read the same :class:`Report`. The JSON keys of design.md §3 are kept exactly; everything else is an
addition (``message_fr``, ``fix``, ``source_status``, ``subject`` …).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

Status = Literal["pass", "fail", "not_applicable", "cannot_evaluate"]
Severity = Literal["critical", "major", "minor"]
SourceStatus = Literal["verified", "secondary", "unverified"]

STATUSES: tuple[str, ...] = ("pass", "fail", "not_applicable", "cannot_evaluate")
SEVERITIES: tuple[str, ...] = ("critical", "major", "minor")
# a fail of these severities makes ``centreplan check`` exit with 1
BLOCKING: tuple[str, ...] = ("critical", "major")
# the fields a renderer writes (standards/render.py); a finding made by the checker writes them when
# first read, so that a check of thousands of rooms does not write sentences nobody reads
TEXTS_BY_LANG: dict[str, tuple[str, ...]] = {"en": ("measured", "required", "message", "fix"),
                                             "fr": ("message_fr", "fix_fr", "measured_fr", "required_fr")}
_LANG_OF = {name: lang for lang, names in TEXTS_BY_LANG.items() for name in names}
# the texts of a finding of the checker, kept in one tuple in this order (_UNSET: not written yet)
_TEXT_NAMES: tuple[str, ...] = TEXTS_BY_LANG["en"] + TEXTS_BY_LANG["fr"]
_TEXT_AT = {name: i for i, name in enumerate(_TEXT_NAMES)}
_UNSET: Any = object()
_NO_TEXT = (_UNSET,) * len(TEXTS_BY_LANG["en"])


class Finding(BaseModel):
    """The outcome of one rule for one subject (a room, a door, a group, or the whole centre)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # ---- contract keys (design.md §3) ----
    rule: str
    pack: str
    status: Status
    severity: Severity
    rooms: list[str] = Field(default_factory=list)
    group: str | None = None
    measured: str | None = None
    required: str | None = None
    source: str
    message: str
    # ---- additions ----
    message_fr: str
    fix: str | None = None
    fix_fr: str | None = None
    source_status: SourceStatus
    source_url: str | None = None
    subject: str | None = None  # a room id, a door id, a group, a use, or None for the whole centre
    kind: str
    title: str
    title_fr: str
    # numbers behind ``measured``/``required`` (None when the finding states no number): the unit is
    # a code of planner/vocabulary.yaml ``units`` (``m``, ``m2_per_person``, ``wc`` …) and the
    # comparator reads "measured <comparator> required" for a pass
    measured_value: float | None = None
    required_value: float | None = None
    unit: str | None = None
    comparator: Literal[">=", "<=", "=="] | None = None
    # ``measured``/``required`` in French (French words and numbers: ``2,40 m``)
    measured_fr: str | None = None
    required_fr: str | None = None
    # ``source`` in French (``EASO 2016, indicateur 5.1``; standards/clauses_fr.yaml); None in a report
    # written before it was added
    source_fr: str | None = None

    # A finding made by the checker (:meth:`made`) keeps no mapping of its fields: what every finding
    # of its rule shares is kept once by its :class:`Form`, and the finding keeps only its own few
    # values in these slots (a check of 5,500 rooms makes 63,000 findings: each used to hold a mapping
    # of eighteen fields, half the memory of the checked centre). Its fields are read through the
    # form, its texts written on first read, one language at a time, and kept in the tuple ``_t`` (in
    # the order of :data:`_TEXT_NAMES`: a mapping of eight texts is two and a half times its size). A
    # finding made any other way (validated, read back from JSON, copied, unpickled) keeps its fields
    # in its ``__dict__`` as any pydantic model does; its slots stay empty.
    __slots__ = ("_form", "_s", "_m", "_q", "_x", "_t")
    if TYPE_CHECKING:
        _form: Form
        _s: Any
        _m: Any
        _q: Any
        _x: Any
        _t: tuple[Any, ...] | None

    # the :class:`Form` of a finding of :meth:`made` while its texts are still to be written (None once
    # :meth:`ready` has written them all, and for a finding made any other way)
    _texts: Form | None = PrivateAttr(default=None)

    def source_in(self, lang: str) -> str:
        """The citation in ``lang`` (``source`` where a report read back has no French one)."""
        return (self.source_fr or self.source) if lang == "fr" else self.source

    @property
    def blocking(self) -> bool:
        """A critical or major fail."""
        return self.status == "fail" and self.severity in BLOCKING

    # ---- findings made by the checker ------------------------------------------------------------
    @classmethod
    def made(cls, form: Form, s: Any, m: Any = None, q: Any = None, x: Any = None) -> Finding:
        """A finding of ``form`` with its own values ``s``, ``m``, ``q``, ``x`` (what they are is the
        form's business: a room id and two numbers, a subject and a judgement …).

        This is the hot path of a large check: no validation (the checker's values are typed), no
        mapping; the pydantic slots every finding of a form has alike are shared."""
        f = _new(cls)
        _set_fields_set(f, _ALL_FIELDS_SET)
        _set_extra(f, None)
        _set_private(f, form.private)
        _set_form(f, form)
        _set_s(f, s)
        _set_m(f, m)
        _set_q(f, q)
        _set_x(f, x)
        _set_t(f, None)
        return f

    @property
    def __dict__(self) -> dict[str, Any]:
        """The fields, as pydantic reads them (a dump, a comparison, a copy, a pickle): a finding of
        :meth:`made` gives them as a new mapping, with the texts written so far."""
        try:
            form = _form_of(self)
        except AttributeError:
            return _get_dict(self)
        values, texts = form.fields(self), self._t
        if texts is None:  # no text written: in the form's order, as a finding made from a mapping had them
            return values
        values.update(_texts_written(texts))
        return _ordered(values)

    @__dict__.setter
    def __dict__(self, values: dict[str, Any]) -> None:
        _set_dict(self, values)

    def _pending(self) -> Form | None:
        """The finding's form while its texts are still to be written, else None."""
        private = self.__pydantic_private__
        return private.get("_texts") if private else None

    def _written(self, lang: str) -> tuple[Any, ...]:
        """The texts of a finding of :meth:`made` (:data:`_TEXT_NAMES`), those of ``lang`` written now
        if they are not yet (kept)."""
        texts = self._t
        names = TEXTS_BY_LANG[lang]
        if texts is None or texts[_TEXT_AT[names[0]]] is _UNSET:
            new = _form_of(self).texts(self, lang)
            mine = tuple(new[k] for k in names)
            n = len(_NO_TEXT)
            en, fr = (texts[:n], texts[n:]) if texts is not None else (_NO_TEXT, _NO_TEXT)
            texts = mine + fr if lang == "en" else en + mine
            _set(self, "_t", texts)  # one assignment: a session reading meanwhile sees the old or the new
        return texts

    def fields_with_texts(self, langs: Iterable[str]) -> dict[str, Any]:
        """The fields with the texts of ``langs`` (in no set order), written for this use only when they
        are still to be written: an export that reads each finding once does not keep them (the texts
        of 63,000 findings are 100 MB)."""
        try:
            form = _form_of(self)
        except AttributeError:
            return _get_dict(self)
        values, texts = form.fields(self), self._t
        if texts is not None:
            values.update(_texts_written(texts))
        for lang in langs:
            if TEXTS_BY_LANG[lang][0] not in values:
                values.update(form.texts(self, lang))
        return values

    def dump_json_unkept(self) -> dict[str, Any]:
        """``model_dump(mode="json")``, the texts written for the dump only: a copy is dumped, so a
        finding read by several at once (the app's cached report) is never changed under them."""
        if self._pending() is None:
            return self.model_dump(mode="json")
        return _plain(_ordered(self.fields_with_texts(TEXTS_BY_LANG))).model_dump(mode="json")

    def ready(self) -> Finding:
        """Write the texts now if they are still to be written; returns the finding."""
        if self._pending() is not None:
            for lang in TEXTS_BY_LANG:
                self._written(lang)
            _set(self, "__pydantic_private__", _READY)
        return self

    def model_dump(self, **kw: Any) -> dict[str, Any]:
        return super(Finding, self.ready()).model_dump(**kw)

    def model_dump_json(self, **kw: Any) -> str:
        return super(Finding, self.ready()).model_dump_json(**kw)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Finding):
            other.ready()
        return super(Finding, self.ready()).__eq__(other)

    def __getstate__(self) -> dict[Any, Any]:
        return super(Finding, self.ready()).__getstate__()

    def __copy__(self) -> Finding:
        return super(Finding, self.ready()).__copy__()

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> Finding:
        return super(Finding, self.ready()).__deepcopy__(memo)

    def __iter__(self) -> Any:
        return super(Finding, self.ready()).__iter__()

    def __repr_args__(self) -> Any:
        return super(Finding, self.ready()).__repr_args__()


class Form:
    """What the findings of one rule made one way by the checker share (:meth:`Finding.made`): the
    fields they all have alike (``shared``), how each reads its other fields from its own values
    (:meth:`field`, :meth:`fields`) and how its texts are written (:meth:`texts`). The renderer
    (standards/render.py) makes one per rule and way."""

    __slots__ = ("shared", "private", "outcome")

    def __init__(self, shared: dict[str, Any]):
        self.shared = shared
        # the pydantic private state of every finding of the form while its texts are to be written
        self.private = {"_texts": self}
        # ``(status, severity, source_status)`` when every finding of the form has the same, else None
        # (:meth:`outcome_of` reads each finding's)
        self.outcome: tuple[str, str, str] | None = None

    def outcome_of(self, f: Finding) -> tuple[str, str, str]:
        """The status, severity and source status of ``f`` (what :func:`outcomes` reads)."""
        return f.status, f.severity, f.source_status

    def field(self, f: Finding, name: str) -> Any:
        """The field ``name`` of ``f`` (not a shared field, not a text)."""
        raise NotImplementedError

    def fields(self, f: Finding) -> dict[str, Any]:
        """Every field of ``f`` but the texts."""
        raise NotImplementedError

    def texts(self, f: Finding, lang: str) -> dict[str, str | None]:
        """The texts of ``f`` in ``lang`` (the fields of :data:`TEXTS_BY_LANG` ``[lang]``)."""
        raise NotImplementedError


class _Field:
    """A field as a finding of :meth:`Finding.made` reads it: shared by its form, its own, or a text
    written on first read. A finding made with its fields reads them from its ``__dict__`` first (this
    descriptor sets nothing, so the instance's mapping wins), pydantic's ``__getattr__`` answering for
    a field it lacks."""

    __slots__ = ("name", "lang", "at")

    def __init__(self, name: str):
        self.name, self.lang, self.at = name, _LANG_OF.get(name), _TEXT_AT.get(name, -1)

    def __get__(self, f: Finding | None, owner: type | None = None) -> Any:
        if f is None:  # no class attribute: pydantic looks for none
            raise AttributeError(self.name)
        form = _form_of(f)  # AttributeError for a finding made another way: its __getattr__ answers
        if self.lang is not None:
            texts = f._t
            if texts is None or texts[self.at] is _UNSET:
                texts = f._written(self.lang)
            return texts[self.at]
        value = form.shared.get(self.name, _NONE)
        return form.field(f, self.name) if value is _NONE else value


_NONE = object()
_new = Finding.__new__
_set = object.__setattr__
_form_of = Finding._form.__get__  # type: ignore[attr-defined]
_BASE_DICT = BaseModel.__dict__["__dict__"]
_get_dict = _BASE_DICT.__get__
_set_dict = _BASE_DICT.__set__
# the slots' own setters: a third quicker than object.__setattr__ by name, on the hot path of Finding.made
_set_fields_set, _set_extra, _set_private = (BaseModel.__dict__[name].__set__ for name in (
    "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__"))
_set_form, _set_s, _set_m, _set_q, _set_x, _set_t = (vars(Finding)[name].__set__ for name in Finding.__slots__)
_READY: dict[str, Any] = {"_texts": None}  # the private state of a finding of :meth:`Finding.made` once ready
_FIELD_NAMES: tuple[str, ...] = tuple(Finding.model_fields)
# one set of the fields set for every finding made by the checker (a finding is frozen; a copy gets its own)
_ALL_FIELDS_SET = set(_FIELD_NAMES)
for _name in _FIELD_NAMES:
    setattr(Finding, _name, _Field(_name))


# the values a finding of :meth:`Finding.made` keeps of its own: ``(s, m, q, x)``
own = attrgetter("_s", "_m", "_q", "_x")


def outcomes(findings: Iterable[Finding]) -> list[tuple[str, str, str]]:
    """``(status, severity, source_status)`` of each finding, in order: what the summary, the exit
    code and the sections of the text report read of every finding (a check of 5,500 rooms has
    63,000), read from the form of a finding of :meth:`Finding.made` rather than field by field."""
    out: list[tuple[str, str, str]] = []
    add = out.append
    for f in findings:
        try:
            form = _form_of(f)
        except AttributeError:  # a finding made another way
            add((f.status, f.severity, f.source_status))
            continue
        o = form.outcome
        add(o if o is not None else form.outcome_of(f))
    return out


def _texts_written(texts: tuple[Any, ...]) -> dict[str, Any]:
    """The texts written so far of a tuple ``_t``, by name."""
    return {k: v for k, v in zip(_TEXT_NAMES, texts) if v is not _UNSET}


def _ordered(values: dict[str, Any]) -> dict[str, Any]:
    """``values`` in the fields' order, as a finding made field by field has them (pydantic dumps a
    finding's fields in the order of its mapping, and the JSON keeps that order)."""
    return {k: values[k] for k in _FIELD_NAMES if k in values}


def _plain(values: dict[str, Any]) -> Finding:
    """A finding holding ``values`` (every field, trusted) as pydantic holds them."""
    f = _new(Finding)
    _set_dict(f, values)
    _set(f, "__pydantic_fields_set__", set(_FIELD_NAMES))
    _set(f, "__pydantic_extra__", None)
    _set(f, "__pydantic_private__", {"_texts": None})
    return f


class Summary(BaseModel):
    """Counts of findings by outcome (``pass`` is a Python keyword, hence the alias)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    pass_: int = Field(0, alias="pass")
    fail: int = 0
    not_applicable: int = 0
    cannot_evaluate: int = 0
    # additions: fails by severity, and findings resting on unverified figures
    fail_by_severity: dict[str, int] = Field(default_factory=dict)
    unverified: int = 0

    @classmethod
    def of(cls, findings: list[Finding]) -> Summary:
        read = outcomes(findings)  # one pass: a large check has tens of thousands
        counts = Counter(status for status, _, _ in read)
        sev = Counter(severity for status, severity, _ in read if status == "fail")
        unverified = sum(1 for _, _, source_status in read if source_status == "unverified")
        return cls(**{"pass": counts["pass"]}, fail=counts["fail"],
                   not_applicable=counts["not_applicable"], cannot_evaluate=counts["cannot_evaluate"],
                   fail_by_severity={s: sev[s] for s in SEVERITIES}, unverified=unverified)


class Report(BaseModel):
    """Every finding of a check of one centre against some packs."""

    model_config = ConfigDict(extra="forbid")

    centre: str
    packs: list[str]
    findings: list[Finding]
    summary: Summary
    # additions
    phase: str | None = None
    climate: str | None = None
    rules: int = 0  # number of rules evaluated

    @classmethod
    def build(cls, centre: str, packs: list[str], findings: list[Finding], *, phase: str | None = None,
              climate: str | None = None, rules: int = 0) -> Report:
        return cls(centre=centre, packs=packs, findings=findings, summary=Summary.of(findings),
                   phase=phase, climate=climate, rules=rules)

    # ---- views -------------------------------------------------------------------------
    def ready(self) -> Report:
        """Every finding with its texts written (a dump, a copy or a pickle does this first)."""
        for f in self.findings:
            f.ready()
        return self

    def model_dump(self, **kw: Any) -> dict[str, Any]:
        return super(Report, self.ready()).model_dump(**kw)

    def model_dump_json(self, **kw: Any) -> str:
        return super(Report, self.ready()).model_dump_json(**kw)

    def __getstate__(self) -> dict[Any, Any]:
        return super(Report, self.ready()).__getstate__()

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> Report:
        return super(Report, self.ready()).__deepcopy__(memo)

    def to_json_data(self) -> dict[str, Any]:
        """The JSON of design.md §3 (plus additions), as plain data."""
        return self.model_dump(mode="json", by_alias=True)

    def exit_code(self, read: list[tuple[str, str, str]] | None = None) -> int:
        """0 when no critical or major fail, 1 otherwise (design.md §3); ``read``: the
        :func:`outcomes` of the findings, when already read."""
        return 1 if any(status == "fail" and severity in BLOCKING
                        for status, severity, _ in (outcomes(self.findings) if read is None else read)) else 0

    def failures(self, severity: str | None = None) -> list[Finding]:
        return [f for f in self.findings if f.status == "fail" and (severity is None or f.severity == severity)]

    def by_status(self, status: str) -> list[Finding]:
        return [f for f in self.findings if f.status == status]

    def for_room(self, room_id: str) -> list[Finding]:
        return [f for f in self.findings if room_id in f.rooms]

    def for_rule(self, rule_id: str) -> list[Finding]:
        return [f for f in self.findings if f.rule == rule_id]

    @property
    def unverified_rules(self) -> list[str]:
        """Rules with at least one finding resting on an unverified figure."""
        return self.rules_unverified()

    def rules_unverified(self, read: list[tuple[str, str, str]] | None = None) -> list[str]:
        """:attr:`unverified_rules`; ``read``: the :func:`outcomes` of the findings, when already read."""
        return sorted({f.rule for f, (_, _, source_status) in zip(
            self.findings, outcomes(self.findings) if read is None else read) if source_status == "unverified"})
