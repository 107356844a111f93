"""What the PDF reports share: the embedded font, styles, the page frame (header with centre, date and
version, a confidentiality mark, page n of N) and small table helpers.

The font is DejaVu Sans, a TrueType font embedded (subset) in every PDF so accents, "m²", "≥" and the
letters of Senegalese languages (ŋ, ɓ, ɗ, ƴ) survive in any reader. It is the copy shipped in the
``matplotlib`` wheel (``mpl-data/fonts/ttf``), a declared dependency, so a fresh machine needs only pip
packages; matplotlib itself is never imported.
"""
from __future__ import annotations

import datetime as _dt
import importlib.util
import io
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as _canvas
from reportlab.platypus import Flowable, LongTable, Paragraph, SimpleDocTemplate, Table, TableStyle

from centreplan.planner.errors import ExportError

FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"
PAGE = A4
MARGIN = 18 * mm


def _font_dir() -> Path:
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise ExportError("pdf: the DejaVu Sans font comes with the 'matplotlib' package, which is not "
                          "installed (pip install 'matplotlib>=3.8')")
    return Path(list(spec.submodule_search_locations)[0]) / "mpl-data" / "fonts" / "ttf"


@lru_cache(maxsize=1)
def register_fonts() -> tuple[str, str]:
    """Register DejaVu Sans (regular, bold) with reportlab once; returns their names."""
    d = _font_dir()
    regular, bold = d / "DejaVuSans.ttf", d / "DejaVuSans-Bold.ttf"
    for p in (regular, bold):
        if not p.exists():
            raise ExportError(f"pdf: font file {p} is missing from the matplotlib package")
    pdfmetrics.registerFont(TTFont(FONT, str(regular)))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(bold)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)
    return FONT, FONT_BOLD


@lru_cache(maxsize=1)
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("base", fontName=FONT, fontSize=9, leading=11.5, alignment=TA_LEFT)
    return {
        "base": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10),
        "cellb": ParagraphStyle("cellb", parent=base, fontName=FONT_BOLD, fontSize=8, leading=10),
        "title": ParagraphStyle("title", parent=base, fontName=FONT_BOLD, fontSize=17, leading=21, spaceAfter=4),
        "h1": ParagraphStyle("h1", parent=base, fontName=FONT_BOLD, fontSize=13, leading=16, spaceBefore=10,
                             spaceAfter=5),
        "h2": ParagraphStyle("h2", parent=base, fontName=FONT_BOLD, fontSize=10.5, leading=13, spaceBefore=8,
                             spaceAfter=3),
        "conf": ParagraphStyle("conf", parent=base, fontName=FONT_BOLD, fontSize=10,
                               textColor=colors.HexColor("#B00000")),
        "note": ParagraphStyle("note", parent=base, fontSize=8, leading=10, textColor=colors.HexColor("#444444")),
    }


def p(text: Any, style: str = "cell") -> Paragraph:
    """A paragraph of plain text (escaped; line breaks kept)."""
    return Paragraph(escape("" if text is None else str(text)).replace("\n", "<br/>"), styles()[style])


CELL_LEADING = 10  # pt: the line pitch of table cells (the "cell" style's leading)
_SIZING = {"FONT", "FONTSIZE", "SIZE", "LEADING", "TOPPADDING", "BOTTOMPADDING"}  # commands that change a row's height


def fit_cell(text: Any, width: float, font: str = FONT) -> Any:
    """A table cell of plain text for a column ``width`` points wide: the text itself when it fits on
    one line, else its lines broken at spaces where a paragraph breaks them (a word wider than the
    column is cut where the line ends, as a paragraph cuts it). Plain text is reportlab's fast path: no
    paragraph to lay out, and the row's height is known (:func:`grid_table`), so a table of thousands
    of rows lays out in seconds. ``font``: the font the table draws the cell in (a bold heading row)."""
    register_fonts()
    text = "" if text is None else str(text)
    if "\n" not in text and pdfmetrics.stringWidth(text, font, 8) <= width - 6.5:
        return text
    room = width - 6  # the cell's padding, 3 pt each side
    return "\n".join(line for part in text.split("\n") for line in _break(part, font, room))


def _break(text: str, font: str, room: float) -> list[str]:
    """``text`` in lines of at most ``room`` points, broken at spaces; a word longer than a line fills
    the line it starts on and goes on to the next, as reportlab's paragraphs cut long words."""
    def width(s: str) -> float:
        return pdfmetrics.stringWidth(s, font, 8)

    lines: list[str] = []
    line = ""
    for word in text.split():
        joined = f"{line} {word}" if line else word
        if width(joined) <= room:
            line = joined
            continue
        if width(word) <= room:
            lines.append(line)
            line = word
            continue
        rest = word  # a word wider than a line: cut it letter by letter
        if line:
            rest = " " + rest
        while rest:
            n = len(rest)
            while n > 1 and width(line + rest[:n]) > room:
                n -= 1
            if line and width(line + rest[:n]) > room:  # not one letter more fits here
                lines.append(line)
                line, rest = "", rest.lstrip()
                continue
            line, rest = line + rest[:n], rest[n:]
            if rest:
                lines.append(line)
                line = ""
    lines.append(line)
    return lines


def grid_table(rows: list[list[Any]], widths: list[float], *, header_rows: int = 1,
               extra: list[tuple] | None = None) -> Table:
    """A table with a shaded, repeated header and light rules.

    The height of a row of plain-text cells is given to reportlab (what it would compute: 10 pt a line
    and 4 pt of padding), so a long table is not measured again at each page it is split at."""
    heights = [None if any(isinstance(c, (Flowable, list, tuple)) for c in row)
               else CELL_LEADING * max(str(c).count("\n") + 1 if c is not None else 1 for c in row) + 4
               for row in rows] if extra is None or not any(cmd[0] in _SIZING for cmd in extra) else None
    cls = LongTable if len(rows) > 100 else Table
    t = cls(rows, colWidths=widths, rowHeights=heights, repeatRows=header_rows)
    style = [
        ("FONT", (0, 0), (-1, -1), FONT, 8, CELL_LEADING),  # plain-text cells as the "cell" paragraphs
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.HexColor("#DDE4EE")),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#B0B0B0")),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    t.setStyle(TableStyle(style + (extra or [])))
    return t


@lru_cache(maxsize=1)
def version() -> str:
    """centreplan's version, read once per process (a page footer asks it on every page)."""
    try:
        from importlib.metadata import version as _v

        return _v("centreplan")
    except Exception:  # not installed as a package: read pyproject's version
        root = Path(__file__).resolve().parents[1] / "pyproject.toml"
        for line in root.read_text(encoding="utf-8").splitlines():
            if line.startswith("version"):
                return line.split("=", 1)[1].strip().strip('"')
        return "unknown"


def build_pdf(story: list, *, title: str, centre_name: str, confidential: bool, date: _dt.date,
              _: Callable[..., str]) -> bytes:
    """Lay out ``story`` on A4 pages with the header and footer; returns the PDF bytes."""
    register_fonts()
    out = io.BytesIO()
    header = f"{centre_name} · {title}"
    right = f"{date.isoformat()} · centreplan {version()}"
    conf = _("CONFIDENTIAL: do not circulate") if confidential else ""
    page_of = _("page {n} of {total}", n="{n}", total="{total}")

    class NumberedCanvas(_canvas.Canvas):
        """Draws the page frame once the page count is known (page n of N)."""

        def __init__(self, *args, **kw):
            kw["initialFontName"] = kw.get("initialFontName") or FONT  # else Helvetica, never embedded
            kw["initialFontSize"] = kw.get("initialFontSize") or 9
            super().__init__(*args, **kw)
            self._pages: list[dict] = []

        def showPage(self):  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._frame(total)
                super().showPage()
            super().save()

        def _frame(self, total: int) -> None:
            w, h = PAGE
            self.saveState()
            self.setFont(FONT, 7.5)
            self.setFillColor(colors.HexColor("#333333"))
            self.drawString(MARGIN, h - 11 * mm, _clip(header, 95))
            self.drawRightString(w - MARGIN, h - 11 * mm, right)
            self.setStrokeColor(colors.HexColor("#999999"))
            self.setLineWidth(0.4)
            self.line(MARGIN, h - 12.5 * mm, w - MARGIN, h - 12.5 * mm)
            self.line(MARGIN, 12.5 * mm, w - MARGIN, 12.5 * mm)
            self.drawRightString(w - MARGIN, 9 * mm, page_of.format(n=self._pageNumber, total=total))
            if conf:
                self.setFont(FONT_BOLD, 8)
                self.setFillColor(colors.HexColor("#B00000"))
                self.drawString(MARGIN, 9 * mm, conf)
            self.restoreState()

    doc = SimpleDocTemplate(out, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=18 * mm,
                            bottomMargin=18 * mm, title=f"{centre_name} — {title}", author="centreplan",
                            subject=title, creator=f"centreplan {version()}", initialFontName=FONT,
                            initialFontSize=9)
    doc.build(story, canvasmaker=NumberedCanvas)
    return out.getvalue()


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def content_width() -> float:
    return PAGE[0] - 2 * MARGIN
