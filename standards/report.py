"""The report of a check: findings and their summary (``../shared/design.md`` §3, a contract).

One model rendered many ways: the CLI's text, the JSON, the PDF and XLSX exports and the app all
read the same :class:`Report`. The JSON keys of design.md §3 are kept exactly; everything else is an
addition (``message_fr``, ``fix``, ``source_status``, ``subject`` …).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from typing import Any, Literal

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

    # how to write the TEXTS_BY_LANG fields of one language of a finding made by :meth:`pending`: a tuple
    # ``(write, *args)``, the texts being ``write(*args, lang)`` (None once both are written)
    _texts: tuple[Any, ...] | None = PrivateAttr(default=None)

    def source_in(self, lang: str) -> str:
        """The citation in ``lang`` (``source`` where a report read back has no French one)."""
        return (self.source_fr or self.source) if lang == "fr" else self.source

    @property
    def blocking(self) -> bool:
        """A critical or major fail."""
        return self.status == "fail" and self.severity in BLOCKING

    # ---- texts written on first use -------------------------------------------------------------
    @classmethod
    def pending(cls, values: dict[str, Any], write: Callable[..., Mapping[str, str | None]], *args: Any) -> Finding:
        """A finding with every field of ``values`` and its :data:`TEXTS_BY_LANG` fields written by
        ``write(*args, lang)`` when first read (the fields of :data:`TEXTS_BY_LANG` ``[lang]``, when
        one of them is read; all of them for a dump, a comparison, a copy or a pickle).

        ``values`` is trusted: the checker builds it from typed values, so validation is skipped (this
        is the hot path of a large check); a report read back from JSON is validated. ``write`` and
        its arguments are kept in one tuple, not in a closure: a check of 5,500 rooms makes 63,000
        findings, and every object each of them holds is one more for the cycle collector to scan.
        """
        f = cls.__new__(cls)
        _set = object.__setattr__
        _set(f, "__dict__", values)
        # one set for every finding made here (a set of 30 names per finding was half a check's
        # memory): a finding is frozen, and a copy gets its own set (pydantic copies it)
        _set(f, "__pydantic_fields_set__", _all_fields_set())
        _set(f, "__pydantic_extra__", None)
        _set(f, "__pydantic_private__", {"_texts": (write, *args)})
        return f

    def _pending(self) -> tuple[Any, ...] | None:
        """``(write, *args)`` while the texts are still to be written, else None."""
        private = self.__pydantic_private__
        return private.get("_texts") if private else None

    def fields_with_texts(self, langs: Iterable[str]) -> dict[str, Any]:
        """The fields with the texts of ``langs``, written for this use only when they are still to be
        written: an export that reads each finding once does not keep them (the texts of 63,000
        findings are 100 MB)."""
        texts = self._pending()
        if texts is None:
            return self.__dict__
        out = dict(self.__dict__)
        for lang in langs:
            if TEXTS_BY_LANG[lang][0] not in out:
                out.update(texts[0](*texts[1:], lang))
        return out

    def dump_json_unkept(self) -> dict[str, Any]:
        """``model_dump(mode="json")``, the texts written for the dump only: a copy is dumped, so a
        finding read by several at once (the app's cached report) is never changed under them."""
        texts = self._pending()
        if texts is None:
            return self.model_dump(mode="json")
        return Finding.pending(dict(self.__dict__), *texts).model_dump(mode="json")

    def ready(self) -> Finding:
        """Write the texts now if they are still to be written; returns the finding."""
        texts = self._pending()
        if texts is not None:
            values = self.__dict__
            for lang, names in TEXTS_BY_LANG.items():
                if names[0] not in values:
                    values.update(texts[0](*texts[1:], lang))
            # in the fields' order, as a finding made field by field has them (the JSON keeps that order)
            object.__setattr__(self, "__dict__", {k: values[k] for k in _field_names() if k in values})
            self.__pydantic_private__["_texts"] = None  # type: ignore[index]
        return self

    def __getattr__(self, name: str) -> Any:
        lang = _LANG_OF.get(name)
        if lang is not None:
            texts = self._pending()
            if texts is None:  # a finding made another way: pydantic's own message
                return super().__getattr__(name)  # type: ignore[misc]
            self.__dict__.update(texts[0](*texts[1:], lang))
            return self.__dict__[name]
        return super().__getattr__(name)  # type: ignore[misc]

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


@lru_cache(maxsize=1)
def _field_names() -> tuple[str, ...]:
    return tuple(Finding.model_fields)


@lru_cache(maxsize=1)
def _all_fields_set() -> set[str]:
    return set(_field_names())


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
        counts: Counter[str] = Counter()
        sev: Counter[str] = Counter()
        unverified = 0
        for f in findings:  # one pass: a large check has tens of thousands
            status = f.status
            counts[status] += 1
            if status == "fail":
                sev[f.severity] += 1
            if f.source_status == "unverified":
                unverified += 1
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

    def exit_code(self) -> int:
        """0 when no critical or major fail, 1 otherwise (design.md §3)."""
        return 1 if any(f.blocking for f in self.findings) else 0

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
        return sorted({f.rule for f in self.findings if f.source_status == "unverified"})
