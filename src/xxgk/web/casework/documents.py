"""The answer document (答复书) generated from the agency's editable template."""

from __future__ import annotations

from django.template import Context, Template

from xxgk.fees import FEE_BASIS_LABELS, FEE_RULE, FeeQuote
from xxgk.procedure import FEE_PAYMENT_WD, OUTCOME_LABELS, Outcome
from xxgk.web.casework.models import AnswerTemplate, Application
from xxgk.workdays import Deadline

DEFAULT_TITLE = "政府信息公开申请答复书"
DEFAULT_BODY = """{{ agency.name }}
政府信息公开申请答复书

查询码：{{ application.tracking_code }}

{{ application.applicant_name }}：

本机关于{{ received_on }}收到您（单位）提出的政府信息公开申请，所需信息为：
{{ application.information_requested }}

根据《中华人民共和国政府信息公开条例》的规定，现答复如下：
{{ outcome_label }}。
{% if reason %}
说明：{{ reason }}
{% endif %}
如对本答复不服，可以依法申请行政复议或者提起行政诉讼。

{{ agency.name }}
{{ answered_on }}
"""


def template_for(app: Application) -> tuple[str, str]:
    candidates = [(app.agency_id, app.outcome), (app.agency_id, ""), (None, app.outcome), (None, "")]
    found = {
        (t.agency_id, t.outcome): t
        for t in AnswerTemplate.objects.filter(agency_id__in=[app.agency_id], outcome__in=[app.outcome, ""])
    }
    found.update(
        {
            (None, t.outcome): t
            for t in AnswerTemplate.objects.filter(agency__isnull=True, outcome__in=[app.outcome, ""])
        }
    )
    for key in candidates:
        if key in found:
            return found[key].title, found[key].body
    return DEFAULT_TITLE, DEFAULT_BODY


def render_answer(app: Application, reason: str = "") -> str:
    title, body = template_for(app)
    outcome_label = OUTCOME_LABELS[Outcome(app.outcome)] if app.outcome else ""
    start = app.corrected_on or app.received_on
    context = Context(
        {
            "application": app,
            "agency": app.agency,
            "outcome_label": outcome_label,
            "answered_on": app.closed_on.strftime("%Y年%m月%d日") if app.closed_on else "",
            "received_on": start.strftime("%Y年%m月%d日") if start else "",
            "reason": reason,
            "title": title,
        },
        autoescape=False,
    )
    return Template(body).render(context).strip() + "\n"


def render_fee_notice(app: Application, quote: FeeQuote, payment_due: Deadline | None) -> str:
    """The 收费通知书 (E15: basis, standard, amount, payment method; spec §6), with the
    computation band by band and the 20-working-day payment period."""
    start = app.corrected_on or app.received_on
    due = ""
    if payment_due is not None:
        due = f"，即{payment_due.due.strftime('%Y年%m月%d日')}前"
        if payment_due.provisional:
            due += "（暂定：工作日日历尚缺该年节假日安排）"
    lines = [
        app.agency.name,
        "政府信息公开信息处理费收费通知书",
        "",
        f"查询码：{app.tracking_code}",
        "",
        f"{app.applicant_name}：",
        "",
        f"本机关于{start.strftime('%Y年%m月%d日') if start else ''}收到您（单位）提出的政府信息公开申请。"
        f"根据《中华人民共和国政府信息公开条例》第四十二条和{FEE_RULE}，该申请需缴纳信息处理费。",
        "",
        f"一、计费依据：{FEE_BASIS_LABELS[quote.basis]}。",
        f"二、收费标准：{quote.standard}。",
        "三、计算过程：",
        *(f"    {line}" for line in quote.explanation()),
        f"四、收费金额：人民币{quote.amount}元。",
        f"五、缴费方式：{app.fee_payment_method}。",
        f"六、缴费期限：请自收到本通知书次日起{FEE_PAYMENT_WD}个工作日内缴纳{due}；"
        "逾期未缴纳的，视为放弃申请，本机关不再处理该申请。",
        "",
        app.agency.name,
        app.fee_notice_on.strftime("%Y年%m月%d日") if app.fee_notice_on else "",
    ]
    return "\n".join(lines) + "\n"


def answer_docx(app: Application) -> bytes:
    """The stored answer text as a DOCX (one paragraph per line), for printing and sealing."""
    import io

    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "仿宋"
    style.font.size = Pt(16)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")
    title, _ = template_for(app)
    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(title)
    run.bold = True
    run.font.size = Pt(22)
    lines = app.answer_text.splitlines()
    if lines and lines[0].strip() == app.agency.name and len(lines) > 1 and lines[1].strip() == title:
        lines = lines[2:]  # the built-in template repeats the heading
    for line in lines:
        doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
