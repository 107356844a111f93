"""The renderer: a kind's :class:`~standards.registry.Judgement` as a finding with its texts in English
and in French.

Sentences come from the rule (its ``message`` and ``fix``, pack YAML) and from standards/messages.yaml
(generic outcomes, reasons, subjects and the ``phrases`` of ``measured``/``required``); names of uses,
groups and fixtures from planner/vocabulary.yaml; numbers from planner/numbers.py. The English
``measured``/``required`` strings are the report's contract (design.md §3) and keep their form;
``measured_fr``/``required_fr`` say the same in French, with French numbers (``2,40 m``).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from centreplan.planner import numbers, vocabulary
from centreplan.planner.vocabulary import SafeLoader
from centreplan.standards.registry import SIGNS, Code, Comparator, Count, CountOf, Judgement, Name, Num, Phrase, Subject
from centreplan.standards.report import Finding, Form, own

if TYPE_CHECKING:
    from centreplan.standards.env import Env
    from centreplan.standards.packs import Rule

MESSAGES_FILE = Path(__file__).parent / "messages.yaml"
LANGS = ("en", "fr")


@lru_cache(maxsize=1)
def messages() -> dict[str, Any]:
    """The generic sentences, reasons, subjects and phrases (standards/messages.yaml).

    A top-level block other than these sections (an area's texts appended at the end of the file,
    ``accessibility_night_security: {reasons: …, phrases: …}``) is merged into them."""
    data = yaml.load(MESSAGES_FILE.read_text(encoding="utf-8"), Loader=SafeLoader)
    sections = ("subjects", "outcomes", "reasons", "phrases")
    for name in [n for n in data if n not in sections]:
        block = data.pop(name)
        for section, entries in block.items():
            if section not in sections:
                raise ValueError(f"messages.yaml: {name}.{section}: not one of {', '.join(sections)}")
            for key, value in entries.items():
                if key in data[section]:
                    raise ValueError(f"messages.yaml: {name}.{section}.{key}: already defined")
                data[section][key] = value
    return data


class _Blank(dict):
    def __missing__(self, key: str) -> str:  # a template may name a value an outcome lacks
        return "—"


def fill(template: str, values: Mapping[str, Any]) -> str:
    return template.format_map(_Blank(values))


def text(value: Any, lang: str) -> str:
    """One value as ``lang`` writes it (English: the report contract's form)."""
    kind = type(value)
    if kind is str:
        return value
    if kind is Num:  # the most frequent, written through a cache
        return _num(value.value, value.unit, value.digits, lang)
    if isinstance(value, str):
        return value
    if isinstance(value, (Num, Count, CountOf)):
        return _amount(value, lang)
    if isinstance(value, Code):
        return value.code if lang == "en" else _name(value.table, value.code, value.form, lang)
    if isinstance(value, Name):
        return _name(value.table, value.code, value.form, lang)
    if isinstance(value, Phrase):
        return phrase(value, lang)
    if isinstance(value, dict):
        return str(value.get(lang, value.get("en")))
    if isinstance(value, (list, tuple)):
        return ", ".join(text(v, lang) for v in value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value) if lang == "en" else numbers.integer(value, lang)
    if isinstance(value, float):
        return numbers.number(value, lang, 1, grouping=lang != "en")
    return str(value)


@lru_cache(maxsize=65536, typed=True)  # a check of thousands of rooms writes the same figures again and again
def _num(value: float, unit: str | None, digits: int, lang: str) -> str:
    """A number with its unit (a :class:`Num`)."""
    if lang == "en":
        t = numbers.number(value, "en", digits, grouping=False)
        return f"{t} {vocabulary.unit_name(unit, value, 'en')}" if unit else t
    return numbers.quantity(value, unit, "fr", digits)


def _amount(value: Num | Count | CountOf, lang: str) -> str:
    """A number with its unit, a count with its word, a count of a vocabulary code."""
    if isinstance(value, Num):
        return _num(value.value, value.unit, value.digits, lang)
    if isinstance(value, Count):
        if lang == "en":
            return f"{value.n} {value.en or vocabulary.unit_name(value.unit, value.n, 'en')}"
        return numbers.count(value.n, value.unit, lang)
    one = value.n < 2 if lang == "fr" else value.n == 1
    return f"{text(value.n, lang)} {_name(value.table, value.code, 'name' if one else 'plural', lang)}"


def _name(table: str, code: str, form: str, lang: str) -> str:
    if form == "plural":
        return vocabulary.plural(table, code, lang)
    if form == "label":
        return vocabulary.label(table, code, lang)
    if form == "bare":
        return vocabulary.bare(table, code, lang)
    return vocabulary.name(table, code, lang)


def phrase(p: Phrase, lang: str) -> str:
    template = messages()["phrases"][p.key][lang]
    return fill(template, {k: text(v, lang) for k, v in p.values.items()})


def limit_of(required: str | None) -> str:
    """The required text without its comparator: ``≥ 4.0 m²/person`` → ``4.0 m²/person``."""
    if not required:
        return "—"
    for sign in ("≥ ", "≤ ", "> ", "< "):
        if required.startswith(sign):
            return required[len(sign):]
    return required


def quantities(j: Judgement, lang: str, digits: int | None = None) -> tuple[str | None, str | None]:
    """The ``measured`` and ``required`` texts of a judgement in ``lang`` (``digits``: the decimals
    that keep the two apart, when already worked out)."""
    if digits is None:
        digits = j.digits
        if j.measured is not None and j.required is not None:
            digits = numbers.digits_apart(j.measured, j.required, j.digits)
    if j.shows is not None:
        measured: str | None = phrase(j.shows, lang)
    elif j.measured is not None:
        measured = _num(j.measured, j.unit, digits, lang)
    else:
        measured = None
    if j.requires is not None:
        required: str | None = phrase(j.requires, lang)
    elif j.required is not None:
        sign = SIGNS[j.comparator or ">="]
        required = f"{sign} {_num(j.required, j.unit, digits, lang)}"
    else:
        required = None
    return measured, required


# ---- subjects --------------------------------------------------------------------------------------
def room_subject(env: Env, room_id: str) -> Subject:
    room = env.rooms[room_id]
    return Subject("room", room_id, {"name": f"{room.name} ({room.id})" if room.name else room.id})


def subject_texts(s: Subject) -> dict[str, str]:
    t = messages()["subjects"][s.template]
    return {lang: fill(t[lang], {k: text(v, lang) for k, v in s.values.items()}) for lang in LANGS}


class Renderer:
    """Writes the findings of one check (what every finding of a rule shares is worked out once).

    A finding is made at once with its outcome and numbers; its sentences (``message``, ``measured``,
    ``required``, ``fix``, in English and in French) are written when first read, each language on
    its own (:meth:`standards.report.Finding.made`, through the rule's :class:`JudgedForm`,
    :class:`PassForm` or :class:`PhrasePassForm`): the text report of a large centre reads the
    failures in one language only, while the JSON, the exports and the app read them all and get the
    same texts.
    """

    def __init__(self, env: Env):
        # what the texts need, not the env itself: a report whose texts are not written yet keeps
        # these alive, not the plan's geometry
        self.rooms = env.rooms
        self.climate = env.climate
        self.phase = env.phase
        self._statics: dict[str, dict[str, Any]] = {}
        self._subjects: dict[tuple[str, str | None], dict[str, str]] = {}
        self._room_names: dict[tuple[str, str], str] = {}

    def _static(self, rule: Rule) -> dict[str, Any]:
        st = self._statics.get(rule.id)
        if st is None:
            # the fields every finding of the rule has alike, in the fields' order
            fields = {"rule": rule.id, "pack": rule.pack, "severity": rule.severity, "source": rule.cite(),
                      "source_url": rule.url, "kind": rule.kind, "title": rule.title.en, "title_fr": rule.title.fr,
                      "source_fr": rule.cite("fr")}
            st = {"fields": fields,
                  "lang": {lang: {"title": rule.title.get(lang),
                                  "climate": vocabulary.name("climates", self.climate, lang),
                                  "phase": vocabulary.name("phases", self.phase, lang),
                                  "message": rule.message.get(lang),
                                  "fix": rule.fix.get(lang) if rule.fix else None} for lang in LANGS}}
            self._statics[rule.id] = st
        return st

    def _subject(self, s: Subject) -> dict[str, str]:
        key = (s.template, s.key) if s.template in ("room", "centre", "group", "use", "fixture", "exits") else None
        if key is not None and key in self._subjects:
            return self._subjects[key]
        texts = subject_texts(s)
        if key is not None:
            self._subjects[key] = texts
        return texts

    def _room_subject(self, room_id: str) -> Subject:
        room = self.rooms[room_id]
        return Subject("room", room_id, {"name": f"{room.name} ({room.id})" if room.name else room.id})

    def _room_name(self, room_id: str, lang: str) -> str:
        """The subject text of a room in ``lang`` alone (:func:`subject_texts` writes every language),
        kept: the text report of a large centre writes one language for thousands of rooms."""
        name = self._room_subject(room_id).values["name"]
        s = self._room_names[(room_id, lang)] = fill(messages()["subjects"]["room"][lang], {"name": name})
        return s

    def shared(self, rule: Rule) -> dict[str, Any]:
        """The fields every finding of ``rule`` has alike (a copy: a form adds its own)."""
        return dict(self._static(rule)["fields"])

    def maker(self, rule: Rule) -> Callable[[Judgement, Subject | str], Finding]:
        """``make(j, subject)``: the finding of ``rule`` for ``subject`` (a :class:`Subject`, or the id
        of the room judged) from judgement ``j``; what every finding of the rule shares is kept once
        (:class:`JudgedForm`). Its texts are written when first read, each language on its own."""
        form, made = JudgedForm(self, rule), Finding.made

        def make(j: Judgement, subject: Subject | str) -> Finding:
            return made(form, subject, None, None, j)

        return make

    def pass_makers(self, rule: Rule, unit: str | None, comparator: Comparator | None,
                    digits: int) -> tuple[PassForm, Callable[..., Finding]]:
        """The form of the passes of ``rule`` given as two numbers, and ``make``:

        ``make(room_id, measured, required, rooms=None, group=None)``: the pass of ``rule`` for a room
        (a :data:`~standards.registry.Pass` of :meth:`Kind.quick`), as :meth:`maker` makes it from
        ``Judgement.compare(measured, required, comparator, unit, digits, rooms=rooms or (room_id,),
        group=group)``, without that judgement: it is made when the texts are read. The pass of
        ``(measured, required)`` for a room alone is also ``Finding.made(form, room_id, measured,
        required)``, which the engine calls at once for the tens of thousands of them.

        ``make(room_id, measured, required, rooms, group, build, args)`` (a
        :data:`~standards.registry.PhrasePass`, whose texts are phrases): as :meth:`maker` makes it
        from ``build(*args)``, a judgement with these numbers, rooms and group, made when the texts
        are read."""
        numbers_form = PassForm(self, rule, unit, comparator, digits)
        phrases_form = PhrasePassForm(self, rule, unit, comparator, digits)
        made = Finding.made

        def make(room_id: str, measured: float | None, required: float | None, rooms: tuple[str, ...] | None = None,
                 group: str | None = None, build: Callable[..., Judgement] | None = None,
                 args: tuple[Any, ...] = ()) -> Finding:
            if build is not None:  # a pass whose texts are phrases: its judgement is ``build(*args)``
                return made(phrases_form, room_id, measured, required, (rooms, group, build, args))
            return made(numbers_form, room_id, measured, required,
                        None if rooms is None and group is None else (rooms, group))

        return numbers_form, make

    def pass_texts_in(self, rule: Rule, room_id: str, measured: float, required: float, unit: str | None,
                      comparator: Comparator, digits: int, rooms: tuple[str, ...] | None, group: str | None,
                      lang: str) -> dict[str, str | None]:
        """The texts of a pass of :meth:`pass_makers` given as numbers, in ``lang``."""
        j = Judgement.compare(measured, required, comparator, unit, digits, rooms=rooms or (room_id,), group=group)
        return self.texts_in(rule, j, room_id, lang)

    def phrase_texts_in(self, rule: Rule, room_id: str, build: Callable[..., Judgement], args: tuple[Any, ...],
                        lang: str) -> dict[str, str | None]:
        """The texts of a pass of :meth:`pass_makers` whose texts are phrases (a
        :data:`~standards.registry.PhrasePass`): those of its judgement ``build(*args)``."""
        return self.texts_in(rule, build(*args), room_id, lang)

    def texts_in(self, rule: Rule, j: Judgement, subject: Subject | str, lang: str) -> dict[str, str | None]:
        """The texts of a finding in ``lang``: ``message``, ``measured``, ``required`` and ``fix``
        (with ``_fr`` after each name in French)."""
        msgs = messages()
        st = self._static(rule)
        if isinstance(subject, str):  # a room: its name in ``lang`` is written once for all its findings
            s = self._room_names.get((subject, lang))
            if s is None:
                s = self._room_name(subject, lang)
        else:
            s = self._subject(subject)[lang]
        digits = j.digits
        if j.measured is not None and j.required is not None and j.shows is None:
            digits = numbers.digits_apart(j.measured, j.required, j.digits)
        ls = st["lang"][lang]
        measured, required = quantities(j, lang, digits)
        # one mapping fills every template of the finding (a placeholder it lacks reads "—")
        vals = _Blank({k: text(v, lang) for k, v in j.values.items()})
        if j.group:
            vals.setdefault("group", vocabulary.name("groups", j.group, lang))
        vals.update(subject=s, Subject=s[:1].upper() + s[1:], name=s, measured=measured or "—",
                    required=required or "—", title=ls["title"], limit=limit_of(required), rooms=", ".join(j.rooms),
                    climate=ls["climate"], phase=ls["phase"])
        detail = msgs["reasons"][j.reason][lang].format_map(vals) if j.reason else ""
        vals["detail"] = detail
        vals["Detail"] = (detail[:1].upper() + detail[1:] + ".") if detail else ""
        if j.status == "fail":
            sentence = ls["message"].format_map(vals)
        elif j.status == "pass":
            key = "pass" if measured and required else ("pass_detail" if detail else "pass_plain")
            sentence = msgs["outcomes"][key][lang].format_map(vals)
        else:
            sentence = msgs["outcomes"][j.status][lang].format_map(vals)
        note = rule.unverified_note(j.unverified) if j.unverified else None
        if note is not None:
            sentence += fill(msgs["outcomes"]["unverified"][lang], {"note": note.get(lang)})
        fix = ls["fix"].format_map(vals) if (ls["fix"] and j.status == "fail") else None
        if lang == "en":
            return {"measured": measured, "required": required, "message": sentence.rstrip(), "fix": fix}
        # "les locaux des {group}" for staff reads "du personnel"
        return {"message_fr": vocabulary.contract(sentence.rstrip(), lang),
                "fix_fr": fix and vocabulary.contract(fix, lang), "measured_fr": measured, "required_fr": required}


# ---- how the findings of the checker read their fields (standards.report.Form) ------------------------
class JudgedForm(Form):
    """The findings of a rule made from judgements: each keeps its subject (a :class:`Subject`, or the
    id of the room judged) and its :class:`Judgement`, which give its fields and write its texts."""

    __slots__ = ("renderer", "rule", "status")

    def __init__(self, renderer: Renderer, rule: Rule):
        super().__init__(renderer.shared(rule))
        self.renderer, self.rule, self.status = renderer, rule, rule.status

    def outcome_of(self, f: Finding) -> tuple[str, str, str]:
        j = f._x
        return j.status, self.shared["severity"], "unverified" if j.unverified else self.status

    def field(self, f: Finding, name: str) -> Any:
        s, _, _, j = own(f)
        if name == "status":
            return j.status
        if name == "rooms":
            return list(j.rooms)
        if name == "group":
            return j.group
        if name == "subject":
            return s if isinstance(s, str) else s.key
        if name == "source_status":
            return "unverified" if j.unverified else self.status
        if name == "measured_value":
            return j.measured
        if name == "required_value":
            return j.required
        if name == "unit":
            return j.unit
        if name == "comparator":
            return j.comparator
        raise AttributeError(name)

    def fields(self, f: Finding) -> dict[str, Any]:
        s, _, _, j = own(f)
        return {**self.shared, "status": j.status, "rooms": list(j.rooms), "group": j.group,
                "source_status": "unverified" if j.unverified else self.status,
                "subject": s if isinstance(s, str) else s.key, "measured_value": j.measured,
                "required_value": j.required, "unit": j.unit, "comparator": j.comparator}

    def texts(self, f: Finding, lang: str) -> dict[str, str | None]:
        s, _, _, j = own(f)
        return self.renderer.texts_in(self.rule, j, s, lang)


class PassForm(Form):
    """The passes of a rule given as numbers (a :data:`~standards.registry.Pass` of
    :meth:`Kind.quick`): each keeps its room's id, its measured and required numbers and, when it
    names other rooms or a group, ``(rooms, group)``; its judgement is made when its texts are read."""

    __slots__ = ("renderer", "rule", "unit", "comparator", "digits")

    def __init__(self, renderer: Renderer, rule: Rule, unit: str | None, comparator: Comparator | None,
                 digits: int):
        shared = renderer.shared(rule)
        shared.update(status="pass", source_status=rule.status, unit=unit, comparator=comparator)
        super().__init__(shared)
        self.renderer, self.rule, self.unit, self.comparator, self.digits = renderer, rule, unit, comparator, digits
        self.outcome = ("pass", shared["severity"], rule.status)

    def field(self, f: Finding, name: str) -> Any:
        s, m, q, x = own(f)
        if name == "subject":
            return s
        if name == "rooms":
            return [s] if x is None or x[0] is None else list(x[0])
        if name == "group":
            return None if x is None else x[1]
        if name == "measured_value":
            return m
        if name == "required_value":
            return q
        raise AttributeError(name)

    def fields(self, f: Finding) -> dict[str, Any]:
        s, m, q, x = own(f)
        return {**self.shared, "rooms": [s] if x is None or x[0] is None else list(x[0]),
                "group": None if x is None else x[1], "subject": s, "measured_value": m, "required_value": q}

    def texts(self, f: Finding, lang: str) -> dict[str, str | None]:
        s, m, q, x = own(f)
        rooms, group = (None, None) if x is None else (x[0], x[1])
        return self.renderer.pass_texts_in(self.rule, s, m, q, self.unit, self.comparator,  # type: ignore[arg-type]
                                           self.digits, rooms, group, lang)


class PhrasePassForm(PassForm):
    """The passes of a rule whose texts are phrases (a :data:`~standards.registry.PhrasePass`): as
    :class:`PassForm`, each keeping ``(rooms, group, build, args)``, its judgement being ``build(*args)``."""

    __slots__ = ()

    def texts(self, f: Finding, lang: str) -> dict[str, str | None]:
        s, _, _, x = own(f)
        return self.renderer.phrase_texts_in(self.rule, s, x[2], x[3], lang)
