"""The walls of a large site are united building by building (issue 19): the same outline as one union."""
from __future__ import annotations

import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from centreplan.exports.dxf_walls import unions_by_part

boxes = st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30), st.integers(1, 6), st.integers(1, 6)),
                 min_size=1, max_size=25)


@settings(max_examples=60, deadline=None)
@given(boxes)
def test_parts_unite_to_the_union_of_all_and_share_no_point(spec):
    geoms = [shapely.box(x, y, x + w, y + h) for x, y, w, h in spec]
    parts = unions_by_part(geoms)
    assert sorted(i for members, _g in parts for i in members.tolist()) == list(range(len(geoms)))
    whole = shapely.union_all(geoms)
    assert shapely.union_all([g for _m, g in parts]).symmetric_difference(whole).area < 1e-9
    for i, (_m, a) in enumerate(parts):
        for _n, b in parts[i + 1:]:
            assert not a.intersects(b)
        for j in _m.tolist():  # each member lies in its own part
            assert a.covers(geoms[j])


def test_two_rooms_touching_at_a_corner_are_one_part_and_a_room_apart_is_another():
    a, b, c = shapely.box(0, 0, 1, 1), shapely.box(1, 1, 2, 2), shapely.box(5, 5, 6, 6)
    parts = unions_by_part([a, b, c])
    assert sorted(sorted(m.tolist()) for m, _g in parts) == [[0, 1], [2]]
