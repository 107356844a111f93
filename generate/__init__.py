"""Generate compliant layout options from a population and a site (no Streamlit here).

Public API (imported on first use, so ``centreplan --help`` does not load the solver)::

    generate(population, site, phase=, climate=, packs=, options=3, seed=0, storeys=1, lang=) -> Generated
    parse_size("70x50") -> Site;  load_site(path, units=None) -> Site
    option_summary(option, generated) -> dict;  compare(centres, packs) -> table rows
"""
from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from centreplan.generate.errors import NoLayoutFits, SiteError
    from centreplan.generate.options import Generated, Option, generate
    from centreplan.generate.site import Site, load_site, parse_size, rectangle

_WHERE = {  # name → the module of this package that holds it, imported on first use
    "NoLayoutFits": "errors", "SiteError": "errors",
    "Generated": "options", "Option": "options", "generate": "options",
    "Site": "site", "load_site": "site", "parse_size": "site", "rectangle": "site",
}
__all__ = ["generate", "Generated", "Option", "NoLayoutFits", "SiteError", "Site", "load_site",
           "parse_size", "rectangle"]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(import_module(f"{__name__}.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'generate' has no attribute {name!r}")
