"""Minimum standards: cited rule packs (data), rule kinds (code), the checker, its report and the
room programme a population needs.

Public API (imported on first use, so ``centreplan --help`` does not load the checker)::

    load_packs(names=None) -> list[Pack]
    check(centre, packs=None, plan=None) -> Report
    programme(population, phase, climate, packs=None) -> Programme
    programme_vs_layout(programme, centre, plan=None) -> ProgrammeComparison
"""
from __future__ import annotations

import sys
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from centreplan.standards.engine import check
    from centreplan.standards.packs import Pack, Rule, default_pack_names, load_pack_file, load_packs, pack_names
    from centreplan.standards.programme import Programme, ProgrammeComparison, programme, programme_vs_layout
    from centreplan.standards.report import Finding, Report, Summary

_WHERE = {  # name → the module of this package that holds it, imported on first use
    "check": "engine",
    "Pack": "packs", "Rule": "packs", "default_pack_names": "packs", "load_pack_file": "packs", "load_packs": "packs",
    "pack_names": "packs",
    "Programme": "programme", "ProgrammeComparison": "programme", "programme": "programme",
    "programme_vs_layout": "programme",
    "Finding": "report", "Report": "report", "Summary": "report",
}
__all__ = [
    "check", "load_packs", "load_pack_file", "pack_names", "default_pack_names",
    "programme", "programme_vs_layout", "Programme", "ProgrammeComparison",
    "Pack", "Rule", "Finding", "Report", "Summary",
]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        value = getattr(import_module(f"{__name__}.{_WHERE[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'standards' has no attribute {name!r}")


class _Package(ModuleType):
    """``standards.programme`` is the function, as it was when this package imported everything at once:
    the import system would otherwise bind the submodule of that name over it when it is first loaded."""

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, ModuleType) and name in _WHERE:
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
