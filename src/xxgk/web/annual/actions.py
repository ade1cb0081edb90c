"""Writes of the annual-report inputs: own staff only, atomic, one event row each."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models, transaction

from xxgk.errors import XxgkError
from xxgk.formats import edition_for_year
from xxgk.web.agencies.access import can_act
from xxgk.web.agencies.models import Agency
from xxgk.web.annual.models import AnnualEvent, AnnualFacts, AnnualText, Table2Figure
from xxgk.web.annual.table2 import table_2_inputs

FACT_FIELDS = ("npc_received", "npc_answered", "cppcc_received", "cppcc_answered", "fees_collected")


def fact_label(name: str) -> str:
    """The Chinese label of one of ``FACT_FIELDS`` (its model field's verbose_name)."""
    field = AnnualFacts._meta.get_field(name)
    if not isinstance(field, models.Field):  # FACT_FIELDS are plain columns, never relations
        raise TypeError(f"{name} is not a column of AnnualFacts")
    return str(field.verbose_name)


class AnnualError(XxgkError):
    code = "annual.error"


def ensure_staff(actor: Any, agency_id: int) -> None:
    if not can_act(actor, agency_id):
        raise AnnualError("只有本机关工作人员可以填报本机关的年度报告", code="annual.forbidden")


def check_year(year: int) -> None:
    if year < 2019 or year > 2100:
        raise AnnualError(f"年度 {year} 不在年报格式适用范围内（2019年起）", code="annual.bad_year")


def _decimal(raw: object, label: str) -> Decimal | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        value = Decimal(str(raw).strip())
    except InvalidOperation:
        raise AnnualError(f"“{label}”不是数字：{raw}", code="annual.not_a_number") from None
    if not value.is_finite():
        raise AnnualError(f"“{label}”不是数字：{raw}", code="annual.not_a_number")
    return value


def do_save_table_2(agency: Agency, year: int, figures: Mapping[tuple[str, str], object], actor: Any) -> int:
    """Save the table-二 figures of ``year`` (keys ``(row_key, measure)`` from
    ``table_2_inputs``); an empty value deletes the figure.  All or nothing."""
    ensure_staff(actor, agency.pk)
    check_year(year)
    inputs = {(i.row_key, i.measure): i for i in table_2_inputs(edition_for_year(year))}
    clean: dict[tuple[str, str], Decimal | None] = {}
    for key, raw in figures.items():
        spec = inputs.get(key)
        if spec is None:
            raise AnnualError(f"表二没有这一栏：{key[0]}.{key[1]}", code="annual.unknown_figure")
        value = _decimal(raw, spec.label)
        if value is not None:
            if value < 0:
                raise AnnualError(f"“{spec.label}”不能为负数", code="annual.negative")
            if spec.value_kind != "money" and value != value.to_integral_value():
                raise AnnualError(f"“{spec.label}”须为整数", code="annual.not_integer")
        clean[key] = value
    changed = 0
    with transaction.atomic():
        for (row_key, measure), value in clean.items():
            if value is None:
                changed += Table2Figure.objects.filter(
                    agency=agency, year=year, row_key=row_key, measure=measure
                ).delete()[0]
            else:
                Table2Figure.objects.update_or_create(
                    agency=agency, year=year, row_key=row_key, measure=measure,
                    defaults={"value": value, "updated_by": actor},
                )  # fmt: skip
                changed += 1
        AnnualEvent.objects.create(
            agency=agency, year=year, action="save_table_2", actor=actor,
            extra={f"{k[0]}.{k[1]}": (str(v) if v is not None else None) for k, v in clean.items()},
        )  # fmt: skip
    return changed


def do_save_facts(agency: Agency, year: int, values: Mapping[str, object], actor: Any) -> AnnualFacts:
    ensure_staff(actor, agency.pk)
    check_year(year)
    clean: dict[str, Any] = {}
    for name, raw in values.items():
        if name not in FACT_FIELDS:
            raise AnnualError(f"未知的数据项：{name}", code="annual.unknown_fact")
        label = fact_label(name)
        value = _decimal(raw, label)
        if value is not None and value < 0:
            raise AnnualError(f"“{label}”不能为负数", code="annual.negative")
        if value is not None and name != "fees_collected":
            if value != value.to_integral_value():
                raise AnnualError(f"“{label}”须为整数", code="annual.not_integer")
            clean[name] = int(value)
        else:
            clean[name] = value
    with transaction.atomic():
        facts, _ = AnnualFacts.objects.select_for_update().get_or_create(agency=agency, year=year)
        for name, value in clean.items():
            setattr(facts, name, value)
        facts.updated_by = actor
        facts.save()
        AnnualEvent.objects.create(
            agency=agency, year=year, action="save_facts", actor=actor, extra={k: str(v) for k, v in clean.items()}
        )
    return facts


def do_save_text(agency: Agency, year: int, section_key: str, text: str, actor: Any) -> AnnualText:
    ensure_staff(actor, agency.pk)
    check_year(year)
    sections = {s.key for s in edition_for_year(year).sections} | {"preamble"}
    if section_key not in sections:
        raise AnnualError(f"年报没有这一章节：{section_key}", code="annual.unknown_section")
    with transaction.atomic():
        obj, _ = AnnualText.objects.select_for_update().update_or_create(
            agency=agency, year=year, section_key=section_key, defaults={"text": text, "updated_by": actor}
        )
        AnnualEvent.objects.create(
            agency=agency,
            year=year,
            action="save_text",
            actor=actor,
            extra={"section": section_key, "length": len(text)},
        )
    return obj
