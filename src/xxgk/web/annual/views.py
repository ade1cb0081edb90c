"""Back office of the annual report: enter table 二, the facts and the prose;
download the report generated from the registers in every format."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from xxgk.errors import XxgkError
from xxgk.formats import edition_for_year
from xxgk.report import AnnualReport
from xxgk.web.agencies.access import can_act, visible_agency_ids
from xxgk.web.agencies.models import Agency
from xxgk.web.annual import actions
from xxgk.web.annual.assemble import build_report, build_rollup_with_parts, suggestions
from xxgk.web.annual.models import AnnualFacts, AnnualText, Table2Figure
from xxgk.web.annual.table2 import table_2_inputs

CONTENT_TYPES = {
    "txt": "text/plain; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _agency(request: HttpRequest, code: str) -> Agency:
    agency = get_object_or_404(Agency, code=code)
    if agency.pk not in visible_agency_ids(request.user):
        raise PermissionDenied
    return agency


@login_required
def workspace(request: HttpRequest, code: str, year: int) -> HttpResponse:
    agency = _agency(request, code)
    try:
        actions.check_year(year)
    except actions.AnnualError:
        raise Http404 from None
    edition = edition_for_year(year)
    inputs = table_2_inputs(edition)
    if request.method == "POST":
        part = request.POST.get("part")
        try:
            if part == "table_2":
                figures = {
                    (i.row_key, i.measure): request.POST.get(f"t2__{i.row_key}__{i.measure}", "") for i in inputs
                }
                actions.do_save_table_2(agency, year, figures, request.user)
            elif part == "facts":
                actions.do_save_facts(
                    agency, year, {f: request.POST.get(f, "") for f in actions.FACT_FIELDS}, request.user
                )
            elif part == "text":
                actions.do_save_text(
                    agency, year, request.POST.get("section", ""), request.POST.get("text", ""), request.user
                )
            else:
                raise actions.AnnualError("未知的表单", code="annual.unknown_form")
        except XxgkError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "已保存")
            return redirect("annual:workspace", code=code, year=year)
    saved = {
        (r, m): v
        for r, m, v in Table2Figure.objects.filter(agency=agency, year=year).values_list("row_key", "measure", "value")
    }
    report = build_report(agency, year, texts=False)
    offered = suggestions(report, agency, year)
    texts = dict(AnnualText.objects.filter(agency=agency, year=year).values_list("section_key", "text"))
    facts = AnnualFacts.objects.filter(agency=agency, year=year).first()
    return render(
        request,
        "annual/workspace.html",
        {
            "agency": agency,
            "year": year,
            "edition": edition,
            "can_edit": can_act(request.user, agency.pk),
            "inputs": [(i, saved.get((i.row_key, i.measure))) for i in inputs],
            "fact_fields": [(f, actions.fact_label(f), getattr(facts, f, None)) for f in actions.FACT_FIELDS],
            "sections": [(s, texts.get(s.key, ""), offered.get(s.key, [])) for s in edition.sections],
            "formats": list(CONTENT_TYPES),
            "unread": report.unread,
            "has_children": agency.children.exists(),
        },
    )


@login_required
def download(request: HttpRequest, code: str, year: int, fmt: str) -> HttpResponse:
    agency = _agency(request, code)
    if fmt not in CONTENT_TYPES:
        raise Http404
    try:
        actions.check_year(year)
    except actions.AnnualError:
        raise Http404 from None
    rollup = request.GET.get("rollup") == "1"
    parts: list[AnnualReport] = []
    if rollup:
        report, parts = build_rollup_with_parts(agency, year)
    else:
        report = build_report(agency, year)
    if fmt == "xlsx" and parts:
        from xxgk.write.xlsx import render_xlsx

        body: bytes | str = render_xlsx(report, parts)
    elif fmt == "json":
        body = report.to_json()
    else:
        from xxgk.write import render as render_report

        try:
            body = render_report(report, fmt)
        except XxgkError as exc:
            return HttpResponse(f"{exc.message} [{exc.code}]", status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    name = f"{agency.code}-{year}{'-rollup' if rollup else ''}.{fmt}"
    if fmt != "html":
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
