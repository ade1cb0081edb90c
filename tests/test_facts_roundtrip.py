"""Facts written as prose by the sentence generator come back from a rendered report:
every fact, every channel, and nothing more."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tests.write_samples import balanced_report
from xxgk.read import parse_file
from xxgk.report import AnnualReport, Fact
from xxgk.write import render
from xxgk.write.sentences import suggested_sentences

CHANNELS = {"website": 13, "wechat": 10, "weibo": 6, "board": 3, "other": 18}


def _report(edition: str, fee: Decimal) -> AnnualReport:
    report = balanced_report(edition, 2023 if edition == "2021" else 2020)
    new_received = report.value("table_3.new_received.total")
    assert isinstance(new_received, int)
    facts: dict[str, int | Decimal] = {
        "proactive_total": 50,
        "applications_received": new_received,  # the applications sentence states table 三's figure
        "npc_suggestions": 4,
        "cppcc_proposals": 7,
        "fees_collected": fee,
    }
    report.facts = {k: Fact(v, str(v)) for k, v in facts.items()}
    report.channel_facts = {k: Fact(v, str(v)) for k, v in CHANNELS.items()}
    # the prose is only what the generator writes
    report.texts = {section: "\n".join(s) for section, s in suggested_sentences(report).items()}
    return report


def _facts(report: AnnualReport) -> dict[str, object]:
    return dict(report.to_dict()["facts"])


@pytest.mark.parametrize("fee", [Decimal("0"), Decimal("150.5")], ids=["no-fee", "fee"])
@pytest.mark.parametrize("edition", ["2019_trial", "2021"])
@pytest.mark.parametrize("fmt", ["txt", "md", "html", "docx"])
def test_generated_sentences_read_back_to_the_same_facts(fmt: str, edition: str, fee: Decimal, tmp_path: Path) -> None:
    report = _report(edition, fee)
    assert "政务微信10条" in report.texts["overview"]  # the enumeration is really written
    data = render(report, fmt)
    path = tmp_path / f"report.{fmt}"
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    back = parse_file(path)
    assert _facts(back) == _facts(report)
