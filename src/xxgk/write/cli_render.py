"""``xxgk render REPORT.json --format FMT -o OUT``: typeset an AnnualReport JSON
(from ``xxgk parse --json`` or from the registers) in the official layout."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from xxgk.errors import XxgkError
from xxgk.report import AnnualReport
from xxgk.write import FORMATS, format_for_path, is_binary, render


class RenderInputError(XxgkError):
    code = "render.invalid_input"


def load_report(path: Path) -> AnnualReport:
    """Read a report JSON; a list (``xxgk parse --json`` of several files) must hold exactly one report."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise RenderInputError("文件不存在", code="render.not_found", path=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RenderInputError(f"无法读取文件：{exc}", code="render.unreadable", path=str(path)) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        msg = f"不是有效的 JSON（第{exc.lineno}行第{exc.colno}列：{exc.msg}）"
        raise RenderInputError(msg, code="render.invalid_json", path=str(path)) from None
    if isinstance(data, list):
        if len(data) != 1:
            msg = f"文件中有{len(data)}份报告，请只给一份（xxgk parse --json 单个文件的输出）"
            raise RenderInputError(msg, code="render.not_one_report", path=str(path))
        data = data[0]
    if not isinstance(data, dict) or "edition" not in data:
        raise RenderInputError("不是年度报告 JSON：缺少 edition 字段", code="render.not_a_report", path=str(path))
    try:
        return AnnualReport.from_dict(data)
    except KeyError as exc:
        if "unknown edition" in str(exc):
            msg = f"未知的年报格式版本 {data.get('edition')!r}（可用：2019_trial、2021）"
            raise RenderInputError(msg, code="render.unknown_edition", path=str(path)) from None
        raise RenderInputError(f"年度报告 JSON 缺少字段 {exc}", code="render.not_a_report", path=str(path)) from None
    except (ValueError, TypeError) as exc:
        raise RenderInputError(f"年度报告 JSON 内容无效：{exc}", code="render.not_a_report", path=str(path)) from None


def choose_format(fmt: str | None, out: str | None) -> str:
    if fmt:
        return fmt
    guessed = format_for_path(out) if out else None
    if guessed is None:
        raise RenderInputError(f"请用 --format 指定输出格式（{'、'.join(FORMATS)}）", code="render.no_format")
    return guessed


def write_atomically(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same directory: OUT is whole or untouched."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".xxgk-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; an output file is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def run_render(report_path: str, fmt: str | None, out: str | None) -> bytes | str:
    """Render; returns the text when it should go to stdout, else writes OUT and returns b""."""
    report = load_report(Path(report_path))
    fmt = choose_format(fmt, out)
    if out is None and is_binary(fmt):
        raise RenderInputError(f"{fmt} 是二进制格式，请用 -o 指定输出文件", code="render.no_output")
    result = render(report, fmt)
    if out is None:
        return result
    data = result.encode("utf-8") if isinstance(result, str) else result
    try:
        write_atomically(Path(out), data)
    except OSError as exc:
        raise RenderInputError(
            f"无法写入输出文件：{exc.strerror or exc}", code="render.write_failed", path=out
        ) from None
    return b""
