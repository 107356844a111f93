"""What every page of the app shares: the project state, the translator, labels and cached results.

The whole state of a session is ONE :class:`Project` in ``st.session_state["project"]``. Everything
computed from the centre is cached on the centre's JSON text, so a rerun that changes nothing
recomputes nothing. No planning logic lives here: it calls the library.
"""
from __future__ import annotations

import importlib
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import streamlit as st

from centreplan.layouts.io import load_layout, loads
from centreplan.planner import vocabulary
from centreplan.planner.drawing import plan_svg
from centreplan.planner.errors import PlannerError
from centreplan.planner.geometry import Plan, build_plan
from centreplan.planner.i18n import DEFAULT_LANGUAGE, LANGUAGES, N_, Translator, translator
from centreplan.planner.model import Centre
from centreplan.planner.text_safety import markdown_plain

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES_DIR = ROOT / "layouts" / "examples"
DEFAULT_EXAMPLE = EXAMPLES_DIR / "a_assistance_centre_120.yaml"
LANGUAGE_NAMES = {"en": "English", "fr": "Français"}
log = logging.getLogger("centreplan.app")


@dataclass
class Project:
    """The state of one user's session: the centre being edited and how it is shown."""

    centre: Centre
    source: str  # where the centre came from: an example's or an upload's file name
    lang: str = DEFAULT_LANGUAGE
    # bumped each time the centre is replaced as a whole (open, upload, new): the widgets showing
    # the centre's fields start again from the new centre
    revision: int = 0
    last_upload: str | None = None  # id of the upload already read (an upload is read once)
    # bumped each time an edit in the Plan page's tables is applied: the table editors then start
    # again from the centre as edited, so an editor's pending edits always apply to the centre shown
    edits: int = 0
    settings: dict[str, Any] = field(default_factory=dict)  # page settings (packs, filters, sizing)
    # the centre as last opened or saved to a file (its JSON): anything else is an unsaved change
    saved_key: str = ""
    # the draft this session writes to (layouts.drafts), and what it last wrote there
    draft_id: str = ""
    draft_written: str = ""
    # the table editors of the Plan page: the rows each editor was given (by widget key), and the
    # centre (JSON) the tables last gave or were given; another change of the centre restarts them
    table_bases: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    table_centre: str = ""

    def __post_init__(self) -> None:
        self.saved_key = self.saved_key or key_of(self.centre)

    def replace(self, centre: Centre, source: str) -> None:
        self.centre = centre
        self.source = source
        self.revision += 1
        self.saved_key = key_of(centre)

    @property
    def unsaved(self) -> bool:
        """Whether the centre has changes that are in no file (edited since opened or saved)."""
        return key_of(self.centre) != self.saved_key

    def editor_key(self, table: str) -> str:
        """The widget key of a table editor of the Plan page (``rooms`` or ``doors``): it changes when
        the centre is replaced, when it is changed other than by the tables, and with the language
        (the editor then starts again from the centre); an edit in the tables keeps it, so the
        editor keeps its scroll position. The door editor's room choices follow the rooms: it starts
        again when they change."""
        key = f"{table}_{self.revision}_{self.edits}_{self.lang}"
        if table == "doors":
            import hashlib

            key += "_" + hashlib.sha1("\n".join(r.id for r in self.centre.rooms).encode()).hexdigest()[:8]
        return key


def examples() -> list[Path]:
    return sorted(EXAMPLES_DIR.glob("*.yaml"))


@st.cache_data(show_spinner=False)
def example_names() -> dict[str, str]:
    """``{file name: "a · centre name"}`` for the bundled examples: the name as the file writes it
    (read with libyaml, not validated: opening an example validates it and names its problems)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    out = {}
    for f in examples():
        try:
            name = yaml.load(f.read_text(encoding="utf-8"), Loader=loader)["centre"]["name"]
        except (OSError, yaml.YAMLError, KeyError, TypeError):  # a broken example still shows by its file name
            name = None
        out[f.name] = f"{f.stem.split('_', 1)[0]} · {name}" if isinstance(name, str) and name.strip() else f.stem
    return out


@st.cache_data(max_entries=8, show_spinner=False)
def _example(path: str, mtime: float) -> Centre:
    """A bundled example as loaded (each session gets its own copy; read again when the file changes)."""
    return load_layout(Path(path))


def _first_centre() -> tuple[Centre, str]:
    from centreplan.layouts.edit import new_centre

    found = [DEFAULT_EXAMPLE] if DEFAULT_EXAMPLE.exists() else examples()
    if found:
        return _example(str(found[0]), found[0].stat().st_mtime), found[0].name
    return new_centre("Centre"), ""


def browser_language() -> str:
    """The browser's language when the app speaks it (``fr-SN`` → ``fr``), else the default."""
    try:
        locale = st.context.locale or ""
    except Exception:  # no browser context (a bare script run)
        locale = ""
    lang = locale.replace("_", "-").split("-")[0].lower()
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def project() -> Project:
    """The session's project, created with example (a) in the browser's language on first use; the
    newest draft left by an earlier session is offered for restoring (see :func:`draft_offer`)."""
    if "project" not in st.session_state:
        from centreplan.layouts import drafts

        centre, source = _first_centre()
        p = Project(centre=centre, source=source, lang=browser_language(), draft_id=drafts.new_id())
        p.draft_written = _draft_state(p)
        try:
            found = drafts_list()
        except OSError as e:  # an unreadable data folder: the app works without drafts
            log.warning("drafts not read: %s", e)
            found = []
        if found:
            p.settings["draft_offer"] = found[0].id
        st.session_state["project"] = p
    return st.session_state["project"]


def tr() -> Translator:
    """The translator of the session's language, for the ``app`` message domain."""
    return translator(project().lang, "app")


def available(module: str, name: str) -> bool:
    """Whether the library function ``module.name`` exists (pages appear as their library lands)."""
    try:
        getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):  # a lazy package attribute may fail to import its module
        return False
    return True


# ---- labels of the model's closed lists, translated with _(label) --------------------------------

# Uses, groups, population, phases, climates and severities are named by the one vocabulary
# (planner/vocabulary.yaml, see :func:`vocab`); the lists below are the app's own.
YES_NO_LABELS = {"yes": N_("yes"), "no": N_("no")}
SEVERITY_LABELS = {"critical": N_("critical"), "major": N_("major"), "minor": N_("minor")}
STATUS_LABELS = {"pass": N_("pass"), "fail": N_("fail"), "not_applicable": N_("not applicable"),
                 "cannot_evaluate": N_("cannot evaluate")}
SOURCE_STATUS_LABELS = {"verified": N_("verified"), "secondary": N_("secondary source"),
                        "unverified": N_("unverified")}
PARAMETER_STATUS_LABELS = {"verified": N_("verified"), "secondary": N_("secondary source"),
                           "unverified": N_("unverified"), "design_choice": N_("design choice, no source"),
                           "gap": N_("gap in the reference")}
UNIT_LABELS = {"mm": N_("millimetres"), "cm": N_("centimetres"), "dm": N_("decimetres"), "m": N_("metres"),
               "in": N_("inches"), "ft": N_("feet")}


def vocab(table: str, lang: str | None = None) -> Callable[[str], str]:
    """A ``format_func`` showing each code of a vocabulary table (``uses``, ``groups``, ``population``,
    ``phases``, ``climates``, ``severities``) by its label in ``lang`` (default: the session's)."""
    lg = lang or project().lang

    def show(code: str) -> str:
        return vocabulary.label(table, code, lg)
    return show


def group_labels(lang: str) -> dict[str, str]:
    """The legend text of every group (the plan drawing's ``group_labels``)."""
    return {g: vocabulary.label("groups", g, lang) for g in vocabulary.codes("groups")}


def labeller(_: Translator, labels: dict[str, str]):
    """A ``format_func`` showing each code of a closed list by its translated label."""
    def show(code: str) -> str:
        return _(labels[code]) if code in labels else str(code)
    return show


# ---- cached results, keyed on the centre's JSON text ---------------------------------------------

_KEYS: OrderedDict[int, tuple[Centre, str]] = OrderedDict()  # id -> (the centre, its JSON), newest last
_KEYS_LOCK = threading.Lock()  # sessions run in threads of one process


def key_of(centre: Centre) -> str:
    """The centre's JSON text, the key of everything computed from it. An edit never changes a centre
    in place (the library returns a new one), so the text of a centre object is made once: a rerun
    asks for it a dozen times (caches, undo list, draft, unsaved mark)."""
    with _KEYS_LOCK:
        hit = _KEYS.get(id(centre))
        if hit is not None and hit[0] is centre:
            _KEYS.move_to_end(id(centre))
            return hit[1]
    key = centre.model_dump_json()
    with _KEYS_LOCK:
        _KEYS[id(centre)] = (centre, key)  # the centre is held, so its id is not given to another
        while len(_KEYS) > 16:
            _KEYS.popitem(last=False)
    return key


@st.cache_resource(max_entries=16, show_spinner=False)
def plan_of(key: str, _centre: Centre | None = None) -> Plan:
    """The plan of the centre whose JSON is ``key``; ``_centre``: that centre when the caller has it
    (not read from the JSON again)."""
    return build_plan(_centre if _centre is not None else loads(key, "centre.json"))


def plan_for(centre: Centre) -> Plan:
    return plan_of(key_of(centre), centre)


@st.cache_data(max_entries=64, show_spinner=False)
def _svg(key: str, failing: tuple[tuple[str, str], ...], level: int, lang: str) -> str:
    _ = translator(lang, "app")
    centre = loads(key, "centre.json")
    return plan_svg(centre, plan_of(key), failing=dict(failing), level=level,
                    group_labels=group_labels(lang),
                    legend_failing=_("fails a rule"), legend_exit=_("exit"), title=centre.centre.name,
                    decimal="," if lang == "fr" else ".")


def svg_for(centre: Centre, failing: dict[str, str], level: int = 0) -> str:
    return _svg(key_of(centre), tuple(sorted(failing.items())), level, project().lang)


def sidebar(_: Translator) -> None:
    """The language switch (always visible) and what is open."""
    p = project()
    def switched() -> None:
        p.lang = st.session_state["lang_switch"]

    # the switch shows the project's language, also when a restored draft has just set it
    st.session_state["lang_switch"] = p.lang
    with st.sidebar:
        st.radio("Language / Langue", LANGUAGES, format_func=LANGUAGE_NAMES.get, key="lang_switch",
                 horizontal=True, on_change=switched)
        st.caption(_("Open: {name}", name=markdown_plain(p.centre.centre.name)))
        if p.source:
            st.caption(_("From: {source}", source=markdown_plain(p.source)))
        if p.centre.centre.confidential:
            st.caption(_("Confidential"))


def packs_chosen() -> tuple[str, ...] | None:
    """The rule packs chosen on the Compliance page (None: the default packs)."""
    packs = project().settings.get("packs")
    return None if packs is None else tuple(packs)


# a resource (the report itself, not a copy): no caller changes it, and a copy of a check's hundreds
# of findings costs about what the check of example (a) does
@st.cache_resource(max_entries=32, show_spinner=False)
def _report(key: str, packs: tuple[str, ...] | None, _centre: Centre | None = None):
    from centreplan.standards import check

    centre = _centre if _centre is not None else loads(key, "centre.json")
    return check(centre, packs, plan=plan_of(key, centre))


def report_for(centre: Centre):
    """The standards check of ``centre`` against the chosen packs (cached on the centre's JSON)."""
    key = key_of(centre)
    return _report(key, packs_chosen(), centre)


def failing_rooms(centre: Centre, plan: Plan, report=None) -> dict[str, str]:
    """Rooms to mark on the plan and why: the standards check's failures (with the geometry
    problems, which the check's integrity pack also reports), or the geometry alone without it.
    ``report``: the centre's check when the caller already has it."""
    from centreplan.planner.drawing import failures_by_room, geometry_failures

    if not available("centreplan.standards", "check"):
        return geometry_failures(plan)
    _ = tr()
    return failures_by_room((report or report_for(centre)).findings, project().lang,
                            {k: _(v) for k, v in SEVERITY_LABELS.items()})


def import_dxf_upload(name: str, data: bytes, units: str | None):
    """An uploaded DXF plan imported through a temporary copy; messages name the upload, not the copy."""
    import tempfile

    from centreplan.layouts.dxf.messages import Refused
    from centreplan.layouts.dxf_import import import_dxf
    from centreplan.planner.errors import DxfImportError

    with tempfile.TemporaryDirectory(prefix="centreplan-") as tmp:
        path = Path(tmp) / Path(name).name
        path.write_bytes(data)
        try:
            result = import_dxf(path, units=units, name=Path(name).stem)
        except Refused as e:  # said again in the app's language: its key and values are kept
            raise e.renamed(str(path), name) from None
        except DxfImportError as e:
            raise DxfImportError(str(e).replace(str(path), name)) from None
        result.report.source = name
        return result


@st.cache_data(max_entries=16, show_spinner=False)
def _procurement(keys: tuple[str, ...], params_json: str):
    import json

    from centreplan.equipment import procurement_list

    return procurement_list([loads(k, "centre.json") for k in keys], json.loads(params_json))


def procurement_for(centres: list[Centre], params: dict[str, Any]):
    """The procurement list of ``centres`` with the sizing ``params`` (cached on their JSON)."""
    import json

    return _procurement(tuple(key_of(c) for c in centres), json.dumps(params, sort_keys=True, default=str))


@st.cache_data(max_entries=16, show_spinner=False)
def _programme(key: str, packs: tuple[str, ...] | None):
    from centreplan.standards import programme, programme_vs_layout

    centre = loads(key, "centre.json")
    prog = programme(centre.population, centre.centre.phase, centre.centre.climate, packs,
                     centre_type=centre.centre.type)
    return prog, programme_vs_layout(prog, centre, plan_of(key))


def programme_for(centre: Centre):
    """The programme the centre's population requires and the centre set beside it (cached)."""
    return _programme(key_of(centre), packs_chosen())


@st.cache_data(max_entries=16, show_spinner=False)
def _export(kind: str, key: str, lang: str, packs: tuple[str, ...] | None, params_json: str,
            others: tuple[str, ...]) -> bytes | dict[str, bytes]:
    import json

    from centreplan import exports

    centre = loads(key, "centre.json")
    report = _report(key, packs) if available("centreplan.standards", "check") else None
    params = json.loads(params_json)
    centres = [centre] + [loads(k, "centre.json") for k in others]
    plist = _procurement((key, *others), params_json) if available("centreplan.equipment", "procurement_list") else None
    if kind == "dxf":
        return exports.dxf_bytes(centre, report, lang)
    if kind == "report_pdf":
        return exports.report_pdf_bytes(centre, report, lang)
    if kind == "procurement_pdf":
        return exports.procurement_pdf_bytes(centres, plist, lang, params=params or None)
    if kind == "xlsx":
        return exports.xlsx_bytes(centre, report, plist, lang)
    if kind == "evacuation_pdf":
        return exports.evacuation_pdf_bytes(centre, lang)
    from centreplan.exports import sheets

    tables = sheets.all_tables(centre, report, plist, lang)
    if kind == "csv":
        return sheets.csv_files(tables, lang)
    if kind == "json":
        return sheets.json_files(tables, report, plist)
    raise ValueError(kind)


def export_for(kind: str, centre: Centre) -> bytes | dict[str, bytes]:
    """One export of the centre as the app shows it (packs, sizing parameters, consolidated centres)."""
    import json

    p = project()
    eq = p.settings.get("equipment", {"params": {}, "fx": {}, "others": []})
    params = {**eq.get("params", {}), **({"fx": eq["fx"]} if eq.get("fx") else {}),
              **({"tender_reference": eq["tender_reference"]} if eq.get("tender_reference") else {})}
    others = tuple(key_of(load_layout(EXAMPLES_DIR / n)) for n in eq.get("others", [])
                   if (EXAMPLES_DIR / n).exists())
    return _export(kind, key_of(centre), p.lang, packs_chosen(), json.dumps(params, sort_keys=True, default=str),
                   others)


def warm_up() -> None:
    """Once a session's first page is shown (and once only): compute what the Plan page asks for
    first, for the centre open (its plan, its standards check, the editor's drawing), while the
    person reads the page. The Plan page then opens from the caches; nothing is shown here."""
    if st.session_state.get("warmed"):
        return
    st.session_state["warmed"] = True
    p = project()
    try:
        from app_pages import plan_editor

        plan_editor.warm_up(p)
    except Exception as e:  # the Plan page computes it again and says what is wrong
        log.info("warm-up of the Plan page skipped: %s", e)


@st.cache_data(max_entries=32, show_spinner=False)
def _layout_text(key: str, fmt: str, _centre: Centre | None = None) -> str:
    from centreplan.layouts.io import dumps

    return dumps(_centre if _centre is not None else loads(key, "centre.json"), fmt)


def layout_text(centre: Centre, fmt: str) -> str:
    """The centre as a layout file (``yaml`` or ``json``), made once per centre: every run of the
    Centre page hands it to its save buttons."""
    return _layout_text(key_of(centre), fmt, centre)


@st.cache_data(max_entries=16, show_spinner=False)
def _facts(key: str, _centre: Centre | None = None) -> dict[str, Any]:
    from centreplan.planner.cli import layout_info

    return layout_info(_centre if _centre is not None else loads(key, "centre.json"))


def facts_for(centre: Centre) -> dict[str, Any]:
    """The centre's figures as ``centreplan info`` gives them (rooms, beds, areas), cached."""
    return _facts(key_of(centre), centre)


@st.cache_data(max_entries=8, show_spinner=False)
def _drafts(folder: str, stamp: tuple[tuple[str, int, int], ...]) -> list[Any]:
    from centreplan.layouts import drafts

    return drafts.drafts()


def drafts_list() -> list[Any]:
    """Every readable draft, newest first (layouts.drafts.drafts), read again only when a file of the
    drafts folder was added, removed or written."""
    from centreplan.layouts import drafts

    folder = drafts.drafts_dir()
    try:
        stamp = tuple(sorted((f.name, f.stat().st_mtime_ns, f.stat().st_size) for f in folder.glob("*.json")))
    except OSError:  # a file removed while listed: read the folder as it is now
        return drafts.drafts()
    return _drafts(str(folder), stamp)


# ---- drafts and replacing the centre ---------------------------------------------------------------

DRAFT_SETTINGS = ("packs", "equipment")  # the page settings a draft keeps, with the language


def _draft_settings(p: Project) -> dict[str, Any]:
    return {"lang": p.lang, **{k: p.settings[k] for k in DRAFT_SETTINGS if k in p.settings}}


def _draft_state(p: Project) -> str:
    import json

    return json.dumps([key_of(p.centre), p.source, p.unsaved, _draft_settings(p)], sort_keys=True, default=str)


def autosave() -> None:
    """Write the session's draft when the centre or its settings changed since it was last written
    (the first write happens at the first change: an untouched example leaves no draft)."""
    from centreplan.layouts import drafts

    p = project()
    state = _draft_state(p)
    if state == p.draft_written:
        return
    try:
        drafts.save(p.draft_id, p.centre, _draft_settings(p), source=p.source, unsaved=p.unsaved)
    except (OSError, PlannerError) as e:  # a full disk or a read-only folder must not stop the app
        log.warning("draft not saved: %s", e)
        return
    p.draft_written = state


def _adopt(p: Project, centre: Centre, source: str, draft=None) -> None:
    """Replace the centre (and, from a draft, the settings); the session's old draft goes."""
    from centreplan.layouts import drafts

    if draft is None:
        drafts.discard(p.draft_id)
        p.replace(centre, source)
    else:  # the restored draft becomes this session's draft
        if draft.id != p.draft_id:
            drafts.discard(p.draft_id)
        p.replace(draft.centre, draft.source)
        p.draft_id = draft.id
        if draft.unsaved:
            p.saved_key = ""
        lang = draft.settings.get("lang")
        if lang in LANGUAGES:
            p.lang = lang
        for k in DRAFT_SETTINGS:
            if k in draft.settings:
                p.settings[k] = draft.settings[k]
            else:
                p.settings.pop(k, None)
    p.settings.pop("pending_replace", None)
    p.settings.pop("draft_offer", None)
    p.draft_written = _draft_state(p)


def request_replace(centre: Centre | None, source: str, draft_id: str | None = None,
                    settings: dict[str, Any] | None = None) -> bool:
    """Open ``centre`` (or the draft ``draft_id``) in place of the centre being edited: at once when
    that has no unsaved change (returns True), else after the user confirms (returns False and the
    question shows at the top of the page, see :func:`replace_question`). ``settings``: page
    settings that go with the new centre (set only once it is open)."""
    from centreplan.layouts import drafts

    p = project()
    if not p.unsaved or (draft_id is not None and draft_id == p.draft_id):
        _adopt(p, centre, source, drafts.load(draft_id) if draft_id else None)
        p.settings.update(settings or {})
        return True
    p.settings["pending_replace"] = {"centre": centre, "source": source, "draft": draft_id,
                                     "settings": settings or {}}
    return False


def replace_question(_: Translator) -> None:
    """The question asked before unsaved changes are replaced: replace, keep editing, or save first."""
    from centreplan.layouts import drafts

    p = project()
    pending = p.settings.get("pending_replace")
    if not pending:
        return
    new_name = pending["centre"].centre.name if pending["centre"] is not None else pending["source"]
    with st.container(border=True, key="replace_question"):
        st.warning(_("\"{name}\" has changes that are saved in no file. Opening \"{new}\" replaces it and "
                     "these changes are lost.", name=p.centre.centre.name, new=new_name),
                   icon=":material/warning:")
        b1, b2, b3, _gap = st.columns([1, 1, 1, 1])
        b1.download_button(_("Save layout (YAML)"), layout_text(p.centre, "yaml"),
                           file_name=f"{file_stem(p.centre.centre.name)}.yaml", mime="application/x-yaml",
                           key="save_before_replace", on_click=mark_saved, icon=":material/save:",
                           width="stretch")
        if b2.button(_("Replace, losing the changes"), key="confirm_replace", type="primary", width="stretch"):
            draft = None
            if pending["draft"]:
                try:
                    draft = drafts.load(pending["draft"])
                except PlannerError as e:
                    p.settings.pop("pending_replace", None)
                    st.error(str(e))
                    return
            _adopt(p, pending["centre"], pending["source"], draft)
            p.settings.update(pending.get("settings") or {})
            st.rerun()
        if b3.button(_("Keep editing"), key="cancel_replace", width="stretch"):
            p.settings.pop("pending_replace", None)
            st.rerun()


def mark_saved() -> None:
    """The centre was just downloaded as a layout file: it has no unsaved change any more."""
    p = project()
    p.saved_key = key_of(p.centre)


def draft_offer(_: Translator) -> None:
    """After a reload or a crash: offer the newest draft an earlier session left."""
    from centreplan.layouts import drafts

    p = project()
    draft_id = p.settings.get("draft_offer")
    if not draft_id:
        return
    try:
        draft = drafts.load(draft_id)
    except PlannerError:
        p.settings.pop("draft_offer", None)
        return
    with st.container(border=True, key="draft_offer"):
        st.info(_("A draft was kept from your last session: \"{name}\", {rooms} rooms, saved {when}. "
                  "Restore it?", name=draft.centre.centre.name, rooms=len(draft.centre.rooms),
                  when=when(draft.saved_at)), icon=":material/history:")
        b1, b2, _gap = st.columns([1, 1, 2])
        if b1.button(_("Restore the draft"), key="restore_draft", type="primary", width="stretch"):
            p.settings.pop("draft_offer", None)
            request_replace(None, draft.source, draft.id)
            st.rerun()
        if b2.button(_("Not now"), key="dismiss_draft", width="stretch",
                     help=_("The draft stays on the Centre page, under Drafts.")):
            p.settings.pop("draft_offer", None)
            st.rerun()


def when(moment) -> str:
    """A draft's time in the server's local time, as people read it (``2026-12-01 00:15``)."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def file_stem(name: str) -> str:
    """A file-name stem from the centre's name, accents transliterated (``école`` → ``ecole``)."""
    from centreplan.exports.bundle import slug

    return slug(name)
