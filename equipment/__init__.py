"""Equipment: catalogue (data), sizing (pure, pint) and procurement lists for one or several centres.

Imported on first use, so ``centreplan --help`` does not load the catalogue and the sizing rules.
"""
from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from equipment.catalogue import Catalogue, load_catalogue
    from equipment.centre import CentreSizing, size_centre
    from equipment.params import load_params, make_params, parameter_info, used_parameters
    from equipment.procurement import Line, ProcurementList, procurement_list

_WHERE = {
    "Catalogue": "equipment.catalogue", "load_catalogue": "equipment.catalogue",
    "CentreSizing": "equipment.centre", "size_centre": "equipment.centre",
    "load_params": "equipment.params", "make_params": "equipment.params", "parameter_info": "equipment.params",
    "used_parameters": "equipment.params",
    "Line": "equipment.procurement", "ProcurementList": "equipment.procurement",
    "procurement_list": "equipment.procurement",
}
__all__ = ["Catalogue", "CentreSizing", "Line", "ProcurementList", "load_catalogue", "load_params", "make_params",
           "parameter_info", "procurement_list", "size_centre", "used_parameters"]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'equipment' has no attribute {name!r}")
