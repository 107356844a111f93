"""Equipment: catalogue (data), sizing (pure, pint) and procurement lists for one or several centres.

Imported on first use, so ``centreplan --help`` does not load the catalogue and the sizing rules.
"""
from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from centreplan.equipment.catalogue import Catalogue, load_catalogue
    from centreplan.equipment.centre import CentreSizing, size_centre
    from centreplan.equipment.params import load_params, make_params, parameter_info, used_parameters
    from centreplan.equipment.procurement import Line, ProcurementList, procurement_list

_WHERE = {  # name → the module of this package that holds it, imported on first use
    "Catalogue": "catalogue", "load_catalogue": "catalogue",
    "CentreSizing": "centre", "size_centre": "centre",
    "load_params": "params", "make_params": "params", "parameter_info": "params", "used_parameters": "params",
    "Line": "procurement", "ProcurementList": "procurement", "procurement_list": "procurement",
}
__all__ = ["Catalogue", "CentreSizing", "Line", "ProcurementList", "load_catalogue", "load_params", "make_params",
           "parameter_info", "procurement_list", "size_centre", "used_parameters"]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(import_module(f"{__name__}.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'equipment' has no attribute {name!r}")
