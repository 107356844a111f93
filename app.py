"""centreplan app: shows the bundled example centre's rooms, in English or French.

Run with ``make run``. The library does the work, this file only shows it.
"""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from layouts.io import load_layout
from planner.cli import layout_info
from planner.i18n import LANGUAGES, translator

EXAMPLE = Path(__file__).parent / "layouts" / "examples" / "a_assistance_centre_120.yaml"

st.set_page_config(page_title="centreplan", layout="wide")
lang = st.sidebar.radio("Language / Langue", LANGUAGES, format_func={"en": "English", "fr": "Français"}.get,
                        horizontal=True, key="lang")
_ = translator(lang, "app")
if not EXAMPLE.exists():
    st.info(_("The bundled example centre is not installed."))
    st.stop()
centre = load_layout(EXAMPLE)
info = layout_info(centre)
st.title(info["name"])
st.caption(_("{rooms} rooms · {beds} beds for {residents} residents · floor area {area} m²",
             rooms=info["rooms"], beds=info["beds"], residents=info["residents"],
             area=f"{info['floor_area_m2']:.0f}"))
st.dataframe(info["room_list"], width="stretch", hide_index=True)
