"""A supervisor's roll-up: the tables of several reports of one edition and year
summed cell by cell (pure).

A cell is summed only when it is a number in every report; otherwise it is
``unread`` with the reason naming the agencies whose cell is not a number —
a blank or an unread cell is not zero.  Prose facts are summed the same way."""

from __future__ import annotations

from collections.abc import Sequence

from xxgk.report import AnnualReport, Fact, Note, Number, Source

KIND_WORDS = {"blank": "空白", "na": "不适用", "unread": "未能确定"}


def sum_reports(reports: Sequence[AnnualReport], *, agency: str | None = None) -> AnnualReport:
    if not reports:
        raise ValueError("nothing to sum: no reports")
    editions = {r.edition for r in reports}
    years = {r.year for r in reports}
    if len(editions) != 1 or len(years) != 1:
        raise ValueError(
            f"reports of different editions or years cannot be summed: {sorted(map(str, editions | years))}"
        )
    first = reports[0]
    out = AnnualReport(edition=first.edition, year=first.year, agency=agency)
    names = [r.agency or f"第{i + 1}份报告" for i, r in enumerate(reports)]
    src = Source(kind="register", query=f"汇总：{len(reports)}个机关（{'、'.join(names)}）")
    for key in out.spec.cell_keys():
        cells = [r.cell(key) for r in reports]
        missing = [
            f"{n}（{KIND_WORDS.get(c.kind, c.kind)}）" for n, c in zip(names, cells, strict=True) if c.kind != "number"
        ]
        if missing:
            out.mark_unread(key, "下列机关该单元格无数值，无法汇总：" + "、".join(missing))
            continue
        total: Number = sum((c.value for c in cells if c.value is not None), start=0)
        out.set_number(key, total, source=src)
    for fk in sorted({k for r in reports for k in r.facts}):
        values = [r.facts[fk].value for r in reports if fk in r.facts]
        if len(values) == len(reports):
            out.facts[fk] = Fact(sum(values, start=0), str(sum(values, start=0)), src)
    for ck in sorted({k for r in reports for k in r.channel_facts}):
        values = [r.channel_facts[ck].value for r in reports if ck in r.channel_facts]
        if len(values) == len(reports):
            out.channel_facts[ck] = Fact(sum(values, start=0), str(sum(values, start=0)), src)
    out.notes.append(
        Note(code="rollup.sum", message=f"本表为{len(reports)}个机关年度报告的逐格合计：{'、'.join(names)}")
    )
    return out
