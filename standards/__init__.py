"""Minimum standards: cited rule packs (data), rule kinds (code), the checker, its report and the
room programme a population needs.

Public API::

    load_packs(names=None) -> list[Pack]
    check(centre, packs=None, plan=None) -> Report
    programme(population, phase, climate, packs=None) -> Programme
    programme_vs_layout(programme, centre, plan=None) -> ProgrammeComparison
"""
from standards.engine import check
from standards.packs import Pack, Rule, default_pack_names, load_pack_file, load_packs, pack_names
from standards.programme import Programme, ProgrammeComparison, programme, programme_vs_layout
from standards.report import Finding, Report, Summary

__all__ = [
    "check", "load_packs", "load_pack_file", "pack_names", "default_pack_names",
    "programme", "programme_vs_layout", "Programme", "ProgrammeComparison",
    "Pack", "Rule", "Finding", "Report", "Summary",
]
