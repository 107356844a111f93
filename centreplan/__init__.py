"""centreplan: plan, check and equip assistance centres for people who have been smuggled or trafficked.

The library installs as one package whose parts keep the repository's folders: ``centreplan.planner``
is ``planner/``, ``centreplan.standards`` is ``standards/``, and so on for ``layouts``, ``equipment``,
``exports``, ``generate`` and ``projects`` (``[tool.setuptools.package-dir]`` in pyproject.toml maps
them). The Streamlit app (``app.py``, ``app_pages/``) and the tests use the library through these names.
"""
from __future__ import annotations

from pathlib import Path as _Path

_CHECKOUT = _Path(__file__).resolve().parent.parent
if (_CHECKOUT / "pyproject.toml").is_file() and (_CHECKOUT / "planner" / "__init__.py").is_file():
    # Run from a checkout (tests with ``pythonpath = ["."]``, an editable install): the parts sit
    # beside this folder rather than inside it.
    __path__.append(str(_CHECKOUT))  # noqa: F821 (the package's own search path)
