"""Reading a room's label: id, name, use, group and beds, with the mapping's words."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from centreplan.layouts.dxf.mapping import Mapping, words_of

_ROOM_NUMBER = re.compile(r"[0-9]{1,4}[a-z]?")
_AREA_TEXT = re.compile(r"\d\s*m(?:²|2\b)", re.IGNORECASE)


@dataclass
class LabelReading:
    """What a room's label says."""

    text: str
    id: str | None = None
    name: str | None = None
    use: str | None = None
    use_words: str | None = None
    groups: list[str] = field(default_factory=list)
    beds: int | None = None


class LabelReader:
    """Reads id, use, group and beds from label text with the mapping's words."""

    def __init__(self, mapping: Mapping):
        self.mapping = mapping
        self.uses = sorted(((tuple(words_of(w)), u) for u, ws in mapping.uses.items() for w in ws if words_of(w)),
                           key=lambda t: -len(t[0]))
        self.groups = sorted(((tuple(words_of(w)), g) for g, ws in mapping.groups.items() for w in ws
                              if words_of(w)), key=lambda t: -len(t[0]))
        beds = "|".join(re.escape(" ".join(words_of(w))) for w in mapping.bed_words if words_of(w))
        number = r"(\d{1,4})"
        self.beds_rx = (re.compile(r"\b" + number + " ?(?:" + beds + r")\b|\b(?:" + beds + ") ?" + number + r"\b")
                        if beds else None)
        self.id_rx = re.compile(mapping.id_pattern) if mapping.id_pattern else None
        self.id_line_rx = re.compile(mapping.id_line_pattern) if mapping.id_line_pattern else None
        self.keywords = {p for p, _ in self.uses} | {p for p, _ in self.groups} | {
            tuple(words_of(w)) for w in mapping.bed_words}

    @staticmethod
    def _find(words: list[str], phrases: list[tuple[tuple[str, ...], str]]) -> list[tuple[int, int, str, str]]:
        """(position, length, value, phrase) of every phrase found, longest phrases first, no overlaps."""
        taken = [False] * len(words)
        found = []
        for phrase, value in phrases:
            n = len(phrase)
            for i in range(len(words) - n + 1):
                if tuple(words[i:i + n]) == phrase and not any(taken[i:i + n]):
                    found.append((i, n, value, " ".join(phrase)))
                    for k in range(i, i + n):
                        taken[k] = True
        return found

    def read(self, text: str, id_hint: str | None = None) -> LabelReading:
        out = LabelReading(text=text)
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        body = lines
        if id_hint:
            out.id = id_hint
        elif self.id_rx and lines:
            m = self.id_rx.match(lines[0])
            if m:
                # a room number and its letter written apart ("A009 a") are one id, written together
                out.id = re.sub(r"\s+", "", m.group("id"))
                rest = lines[0][m.end():].strip(" \t:.-—–·")
                body = ([rest] if rest else []) + lines[1:]
                # a label with an id is structured: "id name" on its first line, or the id alone
                # above the name (a line giving an area, "24.0 m²", is not a name)
                names = [rest] if rest else [ln for ln in lines[1:2] if not _AREA_TEXT.search(ln)]
                out.name = names[0] if names else None
            elif (self.id_line_rx and len(lines) > 1 and self.id_line_rx.fullmatch(lines[0])
                  and tuple(words_of(lines[0])) not in self.keywords) or _ROOM_NUMBER.fullmatch(lines[0]):
                out.id = lines[0]
                body = lines[1:]
        if out.name is None and (not out.id or id_hint):
            out.name = " ".join(body).strip() or None
        words = words_of(" ".join(body))
        joined = " ".join(words)
        if self.beds_rx:
            m = self.beds_rx.search(joined)
            if m:
                out.beds = int(m.group(1) or m.group(2))
        # bed counts are not use words ("8 LITS" must not read as a room of use 'lit')
        uses = self._find(words, self.uses)
        if uses:
            best = min(uses, key=lambda f: (-f[1], f[0]))
            out.use, out.use_words = best[2], best[3]
        groups = self._find(words, self.groups)
        # a use phrase that contains a group word (ESPACE FEMMES) also names the group, by design
        seen: list[str] = []
        for _, _, g, _ in sorted(groups):
            if g not in seen:
                seen.append(g)
        out.groups = seen
        return out

