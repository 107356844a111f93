"""Equipment: catalogue (data), sizing (pure, pint) and procurement lists for one or several centres."""
from equipment.catalogue import Catalogue, load_catalogue
from equipment.params import load_params, make_params
from equipment.procurement import Line, ProcurementList, procurement_list

__all__ = ["Catalogue", "Line", "ProcurementList", "load_catalogue", "load_params", "make_params",
           "procurement_list"]
