"""Checks of an annual report against every rule of its format.

Entry point: :func:`check_report` (``check_report(report, previous=None) ->
list[Finding]``).  Rules are derived from the editions data where they are
arithmetic (``xxgk.formats`` relations); every rule has a stable code, a
severity (error / warning / notice) and a Chinese message.  All codes are listed
in ``docs/rules.md``.
"""

from __future__ import annotations

from xxgk.rules.engine import all_rules, check_report
from xxgk.rules.finding import Finding, Rule, Severity
from xxgk.rules.pairing import pair_previous

__all__ = ["Finding", "Rule", "Severity", "all_rules", "check_report", "pair_previous"]
