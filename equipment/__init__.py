"""Equipment: catalogue (data), sizing (pure, pint) and procurement lists for one or several centres."""
from equipment.catalogue import Catalogue, load_catalogue
from equipment.centre import CentreSizing, size_centre
from equipment.params import load_params, make_params, parameter_info, used_parameters
from equipment.procurement import Line, ProcurementList, procurement_list

__all__ = ["Catalogue", "CentreSizing", "Line", "ProcurementList", "load_catalogue", "load_params", "make_params",
           "parameter_info", "procurement_list", "size_centre", "used_parameters"]
