"""The mapping: which DXF layers hold what, and which label words mean which use, group and beds."""
from __future__ import annotations

import fnmatch
import re
import unicodedata
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from centreplan.layouts.dxf.messages import Refused, sub
from centreplan.planner.errors import DxfImportError
from centreplan.planner.model import (
    GROUPS,
    USES,
    Group,
    Use,
)

DEFAULT_MAPPING = "dxf_mapping.yaml"
ROLES = ("room", "door", "window", "wall", "label", "fill", "ignore")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LayerRule(_Strict):
    """Entities on layers whose name matches ``pattern`` play ``role``."""

    pattern: str = Field(min_length=1)
    match: Literal["glob", "regex"] = "glob"
    role: Literal[ROLES]  # type: ignore[valid-type]
    use: Use | None = None
    group: Group | None = None

    @field_validator("pattern")
    @classmethod
    def _strip(cls, v: str) -> str:
        return v.strip()

    @model_validator(mode="after")
    def _compile(self) -> LayerRule:
        if self.match == "regex":
            try:
                re.compile(self.pattern, re.IGNORECASE)
            except re.error as e:
                raise ValueError(f"pattern: {self.pattern!r} is not a valid regular expression ({e})") from None
        if self.use and self.role != "room":
            raise ValueError(f"use: only a rule with role 'room' can set it (role is {self.role!r})")
        if self.group and self.role not in ("room", "fill"):
            raise ValueError(f"group: only a rule with role 'room' or 'fill' can set it (role is {self.role!r})")
        return self

    def matches(self, layer: str) -> re.Match[str] | bool:
        if self.match == "regex":
            return re.fullmatch(self.pattern, layer, re.IGNORECASE) or False
        return fnmatch.fnmatchcase(fold(layer), fold(self.pattern))


class Mapping(_Strict):
    """Which layers hold what, and which label words mean which use, group and beds."""

    version: Literal[1] = 1
    extends_defaults: bool = True  # a user's mapping adds to layouts/dxf_mapping.yaml unless false
    max_wall_thickness: float = Field(default=0.45, ge=0, le=2.0)
    window_height: float | None = Field(default=None, gt=0, le=10)
    layers: list[LayerRule] = Field(default_factory=list)
    door_blocks: list[str] = Field(default_factory=list)
    window_blocks: list[str] = Field(default_factory=list)
    uses: dict[Use, list[str]] = Field(default_factory=dict)
    groups: dict[Group, list[str]] = Field(default_factory=dict)
    bed_words: list[str] = Field(default_factory=list)
    id_pattern: str | None = None
    id_line_pattern: str | None = None

    @field_validator("id_line_pattern")
    @classmethod
    def _id_line_pattern(cls, v: str | None) -> str | None:
        if v is not None:
            try:
                re.compile(v)
            except re.error as e:
                raise ValueError(f"{v!r} is not a valid regular expression ({e})") from None
        return v

    @field_validator("id_pattern")
    @classmethod
    def _id_pattern(cls, v: str | None) -> str | None:
        if v is None:
            return v
        try:
            rx = re.compile(v)
        except re.error as e:
            raise ValueError(f"{v!r} is not a valid regular expression ({e})") from None
        if "id" not in rx.groupindex:
            raise ValueError(f"{v!r} needs a group named 'id', e.g. (?P<id>[A-Z]+[0-9]+)")
        return v

    # ---- lookups ------------------------------------------------------------------------------
    def rule_for(self, layer: str) -> tuple[LayerRule | None, str | None]:
        """The first rule matching ``layer`` and the use (role room) or group (role fill) its
        pattern gives or captured, if any."""
        for rule in self.layers:
            m = rule.matches(layer)
            if m:
                key, given, known = ("group", rule.group, GROUPS) if rule.role == "fill" else ("use", rule.use, USES)
                if given is None and isinstance(m, re.Match) and key in m.re.groupindex and m.group(key):
                    cand = m.group(key).lower().replace("-", "_")
                    given = cand if cand in known else None
                return rule, given
        return None, None

    def is_block(self, name: str, kind: str) -> bool:
        pats = self.door_blocks if kind == "door" else self.window_blocks
        return any(fnmatch.fnmatchcase(fold(name), fold(p)) for p in pats)


def fold(text: str) -> str:
    """Upper case without accents: ``Réfectoire`` → ``REFECTOIRE``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).upper()


def words_of(text: str) -> list[str]:
    """A label as words: accents and case folded, punctuation as spaces (``W.C.`` → ``W C``)."""
    return re.sub(r"[^A-Z0-9]+", " ", fold(text)).split()


def load_mapping(path: str | Path | None = None) -> Mapping:
    """The mapping in ``path`` (YAML), or the default shipped in ``layouts/dxf_mapping.yaml``."""
    if path is None:
        text = resources.files("centreplan.layouts").joinpath(DEFAULT_MAPPING).read_text(encoding="utf-8")
        source = f"layouts/{DEFAULT_MAPPING}"
    else:
        source = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise Refused("mapping.missing", name=source) from None
        except (OSError, UnicodeDecodeError) as e:
            raise Refused("mapping.unreadable", name=source, error=str(e)) from None
    return mapping_from_text(text, source, defaults=path is not None)


def _default_data() -> dict:
    return yaml.safe_load(resources.files("centreplan.layouts").joinpath(DEFAULT_MAPPING).read_text(encoding="utf-8"))


def _extend(base: dict, mine: dict) -> dict:
    """The user's mapping on top of the default one: the user's layer rules first (the first match
    wins), words and block names added to the defaults', single values replaced."""
    out = dict(base)
    for key, value in mine.items():
        if key in ("layers", "door_blocks", "window_blocks", "bed_words") and isinstance(value, list):
            out[key] = list(value) + [v for v in base.get(key, []) if v not in value]
        elif key in ("uses", "groups") and isinstance(value, dict):
            merged = {k: list(v) for k, v in base.get(key, {}).items()}
            for k, words in value.items():
                merged[k] = list(words or []) + [w for w in merged.get(k, []) if w not in (words or [])] \
                    if isinstance(words, list) else words
            out[key] = merged
        else:
            out[key] = value
    return out


def mapping_from_text(text: str, source: str = "<mapping>", defaults: bool = False) -> Mapping:
    """The mapping written in ``text``; with ``defaults``, on top of the default mapping unless it says
    ``extends_defaults: false``."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = sub("mapping.yaml_at", line=mark.line + 1, column=mark.column + 1) if mark else ""
        raise Refused("mapping.yaml", name=source, where=where, error=str(getattr(e, "problem", None) or e)) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise Refused("mapping.not_a_mapping", name=source, type=type(data).__name__)
    if defaults and data.get("extends_defaults", True) is True:
        data = _extend(_default_data(), data)
    try:
        return Mapping.model_validate(data)
    except ValidationError as e:
        from centreplan.layouts.io import validation_problems

        problems = validation_problems(e)
        for p in problems:  # the layout loader's wording points at 'centreplan schema'
            if p.message.startswith("unknown field"):
                object.__setattr__(p, "message", "unknown field (check the spelling; see layouts/dxf_mapping.yaml)")
        lines = [str(p) for p in problems]
        head = f"{source}: " + (lines[0] if len(lines) == 1 else f"{len(lines)} problems")
        raise DxfImportError("\n  - ".join([head] + (lines if len(lines) > 1 else []))) from None

