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
    from generate.errors import NoLayoutFits, SiteError
    from generate.options import Generated, Option, generate
    from generate.site import Site, load_site, parse_size, rectangle

_WHERE = {
    "NoLayoutFits": "generate.errors", "SiteError": "generate.errors",
    "Generated": "generate.options", "Option": "generate.options", "generate": "generate.options",
    "Site": "generate.site", "load_site": "generate.site", "parse_size": "generate.site",
    "rectangle": "generate.site",
}
__all__ = ["generate", "Generated", "Option", "NoLayoutFits", "SiteError", "Site", "load_site",
           "parse_size", "rectangle"]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'generate' has no attribute {name!r}")
