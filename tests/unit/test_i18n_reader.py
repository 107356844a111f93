"""The catalogue reader that does without Babel (planner/i18n.py ``read_plain_po``) gives what Babel
gives, for every catalogue of the project and for catalogues Babel writes from random messages; what
it does not read (plurals, contexts, obsolete entries, a repeated id, a broken line) goes to Babel."""
from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from hypothesis import given, settings
from hypothesis import strategies as st

from centreplan.planner.i18n import LOCALES_DIR, TranslationError, _load, read_plain_po, read_po_with_babel

CATALOGUES = sorted(LOCALES_DIR.glob("*/LC_MESSAGES/*.po"))


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: f"{p.parts[-3]}/{p.stem}")
def test_every_catalogue_reads_as_babel_reads_it(path: Path) -> None:
    data = path.read_bytes()
    plain = read_plain_po(data)
    assert plain is not None  # the project's catalogues never need Babel
    assert plain == read_po_with_babel(data, path)
    assert list(plain) == list(read_po_with_babel(data, path))  # in the same order


def _po(messages: list[tuple[str, str, bool]], width: int = 76) -> bytes:
    cat = Catalog(locale="fr", charset="utf-8")
    for msgid, text, fuzzy in messages:
        cat.add(msgid, text, flags=("fuzzy", "python-brace-format") if fuzzy else ("python-brace-format",))
    out = BytesIO()
    write_po(out, cat, width=width)
    return out.getvalue()


TEXT = st.text(alphabet=st.sampled_from(list('ab é’"\\\t\n{}.,:«»\u00a0') + ["\r", "\x07"]), max_size=90)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(TEXT.filter(bool), TEXT, st.booleans()), max_size=8, unique_by=lambda m: m[0]),
       st.sampled_from([20, 76, 200]))
def test_catalogues_babel_writes_read_as_babel_reads_them(messages, width) -> None:
    """Quotes, backslashes, tabs, line breaks, French spaces and long lines Babel wraps over several
    quoted parts; fuzzy and empty translations left out."""
    data = _po(messages, width)
    plain = read_plain_po(data)
    assert plain is not None
    assert plain == read_po_with_babel(data)


HEADER = b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'


@pytest.mark.parametrize("body", [
    b'msgctxt "menu"\nmsgid "Open"\nmsgstr "Ouvrir"\n',                            # a context
    b'msgid "room"\nmsgid_plural "rooms"\nmsgstr[0] "pi\xc3\xa8ce"\nmsgstr[1] "pi\xc3\xa8ces"\n',  # plurals
    b'#~ msgid "Old"\n#~ msgstr "Ancien"\n',                                         # obsolete
    b'msgid "A"\nmsgstr "a"\n\nmsgid "A"\nmsgstr "b"\n',                             # a repeated id
])
def test_what_the_plain_reader_does_not_read_goes_to_babel(body: bytes) -> None:
    assert read_plain_po(HEADER + body) is None
    read_po_with_babel(HEADER + body)  # and Babel reads it


def test_a_latin_1_catalogue_goes_to_babel() -> None:
    data = HEADER.replace(b"utf-8", b"latin-1") + 'msgid "Room"\nmsgstr "Pièce"\n'.encode("latin-1")
    assert read_plain_po(data) is None
    assert read_po_with_babel(data) == {"Room": "Pièce"}


@pytest.mark.parametrize("body", [b'msgid "A"\n\nmsgid "B"\nmsgstr "b"\n', b'msgid "A"\nmsgstr "a"\nbogus "x"\n'])
def test_a_broken_catalogue_is_refused_as_before(tmp_path: Path, body: bytes) -> None:
    path = tmp_path / "broken.po"
    path.write_bytes(HEADER + body)
    assert read_plain_po(HEADER + body) is None
    with pytest.raises(TranslationError, match="cannot read the message catalogue"):
        _load(path, path.stat().st_mtime_ns)


def test_escapes_are_read_as_babel_reads_them() -> None:
    data = (HEADER + b'#, python-brace-format\nmsgid "Say \\"{x}\\""\nmsgstr ""\n'
            b'"Dites \\u00ab\\t{x}\\\\n\\n"\n"suite"\n')
    want = {'Say "{x}"': "Dites \\u00ab\t{x}\\n\nsuite"}
    assert read_plain_po(data) == read_po_with_babel(data) == want
