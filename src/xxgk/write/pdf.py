"""The report as PDF: the DOCX rendering converted by LibreOffice
(``soffice --headless --convert-to pdf``) in a temporary directory with its own
user profile, so parallel conversions and a user's running LibreOffice never
interfere.  The profile holds a font replacement table
(:data:`xxgk.write.docx.LINUX_FONTS`): the DOCX names the fonts of official
documents (宋体, 仿宋_GB2312, 黑体), which a Linux machine lacks, and LibreOffice
would otherwise set them all in its default, sans-serif CJK font."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

from xxgk.errors import XxgkError
from xxgk.report import AnnualReport
from xxgk.write.docx import LINUX_FONTS, render_docx

SOFFICE_NAMES = ("soffice", "libreoffice")
TIMEOUT_S = 180


class RenderError(XxgkError):
    code = "write.error"


def find_soffice() -> str | None:
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _font_pair(n: int, font: str, substitute: str) -> str:
    props = {
        "Always": "true",
        "OnScreenOnly": "false",
        "ReplaceFont": escape(font),
        "SubstituteFont": escape(substitute),
    }
    body = "".join(f'<prop oor:name="{k}" oor:op="fuse"><value>{v}</value></prop>' for k, v in props.items())
    return (
        '<item oor:path="/org.openoffice.Office.Common/Font/Substitution/FontPairs">'
        f'<node oor:name="_{n}" oor:op="replace">{body}</node></item>'
    )


def profile_settings(fonts: dict[str, str] = LINUX_FONTS) -> str:
    """``registrymodifications.xcu`` of the conversion profile: the font replacement table on."""
    pairs = "".join(_font_pair(n, f, s) for n, (f, s) in enumerate(fonts.items()))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema">'
        '<item oor:path="/org.openoffice.Office.Common/Font/Substitution">'
        '<prop oor:name="Replacement" oor:op="fuse"><value>true</value></prop></item>'
        f"{pairs}</oor:items>\n"
    )


def docx_to_pdf(docx: bytes, timeout: float = TIMEOUT_S) -> bytes:
    soffice = find_soffice()
    if soffice is None:
        raise RenderError(
            "未找到 LibreOffice（soffice），无法生成 PDF；请安装 libreoffice-writer", code="write.soffice_missing"
        )
    with tempfile.TemporaryDirectory(prefix="xxgk-pdf-") as tmp:
        work = Path(tmp)
        src = work / "report.docx"
        src.write_bytes(docx)
        (work / "profile" / "user").mkdir(parents=True)
        (work / "profile" / "user" / "registrymodifications.xcu").write_text(profile_settings(), encoding="utf-8")
        profile = (work / "profile").as_uri()
        cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "pdf"]
        cmd += ["--outdir", str(work / "out"), str(src)]
        # its own session, so a timeout ends soffice.bin too (oosplash starts it as a child)
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        try:
            stdout, stderr = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise RenderError(f"LibreOffice 转换 PDF 超时（{timeout:g}秒）", code="write.pdf_timeout") from None
        out = work / "out" / "report.pdf"
        if proc.returncode != 0 or not out.is_file() or out.stat().st_size == 0:
            detail = (stderr or stdout).decode("utf-8", "replace").strip().splitlines()
            reason = detail[-1] if detail else f"退出码 {proc.returncode}"
            raise RenderError(f"LibreOffice 未能把报告转换为 PDF：{reason}", code="write.pdf_failed")
        return out.read_bytes()


def render_pdf(report: AnnualReport) -> bytes:
    return docx_to_pdf(render_docx(report))
