"""centreplan app: draft, check, equip and export a centre, in French or English.

Run with ``make run``. This file is the router: it sets up the page, the language switch and the
navigation over ``app_pages/*.py``; the library does the work.
"""
from __future__ import annotations

import logging
from pathlib import Path

import streamlit as st

from app_pages import common
from centreplan.planner.errors import PlannerError
from centreplan.planner.text_safety import markdown_plain

# The favicon is a local file: a Material icon as favicon would be fetched from fonts.gstatic.com.
ICON = Path(__file__).parent / "app_pages" / "icon.png"
st.set_page_config(page_title="centreplan", page_icon=str(ICON), layout="wide")

project = common.project()
_ = common.tr()


pages = [
    st.Page("app_pages/centre.py", title=_("Centre"), icon=":material/home_work:", url_path="centre",
            default=True),
    st.Page("app_pages/plan.py", title=_("Plan"), icon=":material/floor:", url_path="plan"),
    st.Page("app_pages/generate.py", title=_("Generate"), icon=":material/grid_view:", url_path="generate"),
    st.Page("app_pages/compliance.py", title=_("Compliance"), icon=":material/rule:", url_path="compliance"),
    st.Page("app_pages/programme.py", title=_("Programme"), icon=":material/checklist:", url_path="programme"),
    st.Page("app_pages/equipment.py", title=_("Equipment"), icon=":material/inventory_2:", url_path="equipment"),
    st.Page("app_pages/exports.py", title=_("Exports"), icon=":material/download:", url_path="exports"),
    st.Page("app_pages/projects.py", title=_("Projects"), icon=":material/folder_shared:", url_path="projects"),
]

page = st.navigation(pages)
common.sidebar(_)
common.draft_offer(_)  # after a reload or a crash: the work of the last session, to restore
common.replace_question(_)  # unsaved changes are never replaced without asking
try:
    page.run()
except PlannerError as e:  # bad input: the library's message names the place and the problem
    st.error(markdown_plain(str(e), lines=True))
except Exception as e:  # a defect of ours: say so plainly, keep the details in the server log
    logging.getLogger("centreplan.app").exception("page %s failed", page.title)
    st.error(_("Something went wrong on this page ({kind}). The centre you are editing is kept; "
               "please report the problem.", kind=type(e).__name__))
finally:  # the centre being edited, with its settings, is kept as a draft after every run
    common.autosave()
common.warm_up()  # after the first page is shown: the Plan page's plan, check and drawing, ahead
