"""centreplan app (first page): shows the bundled example centre's rooms.

Run with ``make run``. The full app (editing, checks, equipment, exports) grows from here; the
library does the work, this file only shows it.
"""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from layouts.io import load_layout
from planner.cli import layout_info

EXAMPLE = Path(__file__).parent / "layouts" / "examples" / "a_assistance_centre_120.yaml"

st.set_page_config(page_title="centreplan", layout="wide")
centre = load_layout(EXAMPLE)
info = layout_info(centre)
st.title(info["name"])
st.caption(f"{info['rooms']} rooms · {info['beds']} beds for {info['residents']} residents · "
           f"floor area {info['floor_area_m2']:.0f} m²")
st.dataframe(info["room_list"], use_container_width=True, hide_index=True)
