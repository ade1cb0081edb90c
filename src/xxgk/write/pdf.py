"""The report as PDF: the DOCX rendering converted by LibreOffice
(``soffice --headless --convert-to pdf``) in a temporary directory with its own
user profile, so parallel conversions and a user's running LibreOffice never
interfere."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from xxgk.errors import XxgkError
from xxgk.report import AnnualReport
from xxgk.write.docx import render_docx

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
