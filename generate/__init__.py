"""Generate compliant layout options from a population and a site (no Streamlit here).

Public API::

    generate(population, site, phase=, climate=, packs=, options=3, seed=0, storeys=1, lang=) -> Generated
    parse_size("70x50") -> Site;  load_site(path, units=None) -> Site
    option_summary(option, generated) -> dict;  compare(centres, packs) -> table rows
"""
from generate.errors import NoLayoutFits, SiteError
from generate.options import Generated, Option, generate
from generate.site import Site, load_site, parse_size, rectangle

__all__ = ["generate", "Generated", "Option", "NoLayoutFits", "SiteError", "Site", "load_site",
           "parse_size", "rectangle"]
