"""Exports: the DXF plan, PDF reports, the XLSX workbook, CSV and JSON.

Public API (imported on first use, so ``centreplan`` starts fast)::

    export_all(centre, out_dir, formats=None, lang="en", *, report=None, procurement=None, params=None,
               packs=None) -> list[Path]
    dxf_bytes(centre, report=None, lang="en") -> bytes
    report_pdf_bytes(centre, report=None, lang="en") -> bytes
    procurement_pdf_bytes(centres, plist=None, lang="en", *, params=None) -> bytes
    xlsx_bytes(centre, report=None, procurement=None, lang="en") -> bytes
    evacuation_pdf_bytes(centre, lang="en", *, page="A4", uses=..., assembly=None) -> bytes
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

_WHERE = {  # name → the module of this package that holds it, imported on first use
    "export_all": "bundle", "FORMATS": "bundle",
    "dxf_bytes": "dxf", "write_dxf": "dxf", "build_dxf": "dxf",
    "report_pdf_bytes": "pdf_report",
    "procurement_pdf_bytes": "pdf_procurement",
    "xlsx_bytes": "sheets",
    "evacuation_pdf_bytes": "evacuation",
}
__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(import_module(f"{__name__}.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'exports' has no attribute {name!r}")
