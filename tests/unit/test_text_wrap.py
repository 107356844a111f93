"""The text report's word wrap gives textwrap's lines (with ``break_on_hyphens=False``) for every text."""
from __future__ import annotations

import textwrap

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from centreplan.standards.text import _wrap

WORDS = st.text(alphabet="abcdeé-–.,:()0123456789", min_size=1, max_size=30)
SENTENCES = st.lists(WORDS, min_size=0, max_size=25).map(" ".join)
# French sentences: no-break spaces inside words (``2,40\xa0m``, ``:\u202f``), which textwrap never
# breaks at, and words of such spaces alone, which it drops at a line's end as it drops a space
FRENCH_WORDS = st.text(alphabet="abé,:\xa0\u202f\u2009\x1c\x00", min_size=1, max_size=12)
FRENCH = st.lists(FRENCH_WORDS, min_size=0, max_size=25).map(" ".join)
ANY_TEXT = st.one_of(SENTENCES, FRENCH, st.text(alphabet="ab -\t\n\xa0", max_size=60),
                     st.lists(st.sampled_from(["a", "bb", " ", "  ", "ccccccccccccccccccccccc", "d-e"]),
                              max_size=30).map("".join))


@settings(max_examples=500, deadline=None)
@given(ANY_TEXT, st.integers(1, 120), st.sampled_from(["", "  ", " " * 18]), st.sampled_from(["", "  ", " " * 20]))
def test_wrap_is_textwrap(text, width, initial, subsequent):
    assume(width > max(len(initial), len(subsequent)))  # narrower: textwrap may loop for ever on spaces
    expected = textwrap.wrap(text, width=width, initial_indent=initial, subsequent_indent=subsequent,
                             break_on_hyphens=False)
    assert _wrap(text, width=width, initial_indent=initial, subsequent_indent=subsequent) == expected


def test_wrap_by_hand():
    assert _wrap("aa bb cc", width=5) == ["aa bb", "cc"]
    assert _wrap("aaaaaaa bb", width=5) == ["aaaaa", "aa bb"]  # a word longer than a line is cut
    assert _wrap("a bbbbbbb", width=5) == ["a bbb", "bbbb"]  # its start fills the line
    assert _wrap("BEDS-NONE x", width=7) == ["BEDS-NO", "NE x"]  # never broken at the hyphen
    assert _wrap("aa bb", width=6, initial_indent="> ", subsequent_indent="  ") == ["> aa", "  bb"]
    # a no-break space joins what it stands between: "2,40\xa0m" stays on one line
    assert _wrap("largeur 2,40\xa0m", width=12) == ["largeur", "2,40\xa0m"]
