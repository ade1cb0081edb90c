"""Damaged copies of the corpus reports (lines dropped, swapped, truncated, stray
characters) never crash the parser: each gives a report or a ReadError, and every
number it reads keeps its published text and source."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.corpus import CORPUS, require_corpus
from xxgk.errors import ReadError
from xxgk.read import parse_file

STRAY = "0123456789\t|-—/？ 一二三（）.、\n元"


def _damage(text: str, rnd: random.Random) -> str:
    lines = text.split("\n")
    op = rnd.randrange(5)
    if op == 0:
        for _ in range(min(rnd.randrange(1, 20), len(lines) - 1)):
            lines.pop(rnd.randrange(len(lines)))
    elif op == 1:
        for _ in range(rnd.randrange(1, 20)):
            i, j = rnd.randrange(len(lines)), rnd.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
    elif op == 2:
        return text[: rnd.randrange(len(text))]
    elif op == 3:
        for _ in range(50):
            k = rnd.randrange(len(text))
            text = text[:k] + rnd.choice(STRAY) + text[k:]
        return text
    else:
        return "\n".join(line.replace("\t", " | ") for line in lines)
    return "\n".join(lines)


@pytest.mark.corpus
@pytest.mark.parametrize("seed", range(4))
def test_damaged_reports_never_crash(tmp_path: Path, seed: int) -> None:
    require_corpus()
    files = sorted(
        p for s in ("seeds", "public") for p in (CORPUS / s).iterdir() if p.suffix in (".txt", ".md", ".html")
    )
    rnd = random.Random(seed)
    for n in range(25):
        src = rnd.choice(files)
        path = tmp_path / f"damaged-{n}{src.suffix}"
        path.write_text(_damage(src.read_text("utf-8"), rnd), encoding="utf-8")
        try:
            report = parse_file(path)
        except ReadError:
            continue
        data = report.to_dict()
        for key, cell in data["cells"].items():
            if cell["kind"] == "number":
                assert cell["raw"] and cell["source"], key
            if cell["kind"] == "unread":
                assert cell["value"] is None
