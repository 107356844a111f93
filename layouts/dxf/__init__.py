"""Import of DXF floor plans drawn elsewhere (see :mod:`layouts.dxf_import` for the whole story)."""
