"""Legacy .doc/.wps via LibreOffice: a real .doc made by LibreOffice reads back
like the DOCX it came from; clear errors without LibreOffice, on failure and
on timeout."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.test_read_docx import _table3_docx
from xxgk.errors import LimitExceeded, ReadError
from xxgk.read.docx import read_docx
from xxgk.read.limits import Limits
from xxgk.read.office import convert_to_docx, find_soffice, read_office

PROJECT = Path(__file__).resolve().parent.parent
needs_soffice = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed")


def _soffice_to_doc(docx_path: Path, out_dir: Path) -> Path:
    soffice = find_soffice()
    assert soffice is not None
    profile = out_dir / "profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "doc",
            "--outdir",
            str(out_dir),
            str(docx_path),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    doc = out_dir / (docx_path.stem + ".doc")
    assert doc.is_file()
    return doc


def _cells(path: Path) -> list[tuple[int | None, list[tuple[str, int | None, int]]]]:
    return [
        (line.table, [(t.text, t.grid_col, t.span) for t in line.tokens]) for line in read_docx(path, Limits()).lines
    ]


@pytest.mark.libreoffice
@needs_soffice
@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_legacy_word_file_reads_like_its_docx(tmp_path: Path, suffix: str) -> None:
    original = _table3_docx(tmp_path / "report.docx")
    legacy = _soffice_to_doc(original, tmp_path)
    assert legacy.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE2: really a legacy Word file
    given = legacy.with_name("年报" + suffix)  # a Chinese name, and WPS's extension for the same binary format
    legacy.rename(given)
    out = tmp_path / "converted"
    converted = convert_to_docx(given, Limits(), out_dir=out)
    assert converted == out / "年报.docx"
    assert _cells(converted) == _cells(original)
    assert [p.name for p in out.iterdir()] == ["年报.docx"]  # nothing else left behind
    doc = read_office(given, Limits())
    assert doc.path == str(given) and doc.meta["converted_from"] == suffix[1:]
    assert [(line.table, [(t.text, t.grid_col, t.span) for t in line.tokens]) for line in doc.lines] == _cells(original)


def _fake_soffice(bin_dir: Path, script: str) -> None:
    bin_dir.mkdir()
    exe = bin_dir / "soffice"
    exe.write_text("#!/bin/sh\n" + script + "\n", encoding="utf-8")
    exe.chmod(exe.stat().st_mode | stat.S_IEXEC)


def test_missing_libreoffice_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    path = tmp_path / "a.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ReadError) as err:
        convert_to_docx(path, Limits())
    assert err.value.code == "read.libreoffice_missing"
    assert "LibreOffice" in err.value.message and err.value.path == str(path)


def test_missing_libreoffice_in_a_process_without_it_on_path(tmp_path: Path) -> None:
    path = tmp_path / "a.wps"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    code = (
        "import sys; from pathlib import Path\n"
        "from xxgk.errors import ReadError\n"
        "from xxgk.read.office import convert_to_docx\n"
        "try:\n    convert_to_docx(Path(sys.argv[1]))\n"
        "except ReadError as e:\n    print(e.one_line()); sys.exit(2)\n"
    )
    env = {"PATH": str(tmp_path), "PYTHONPATH": str(PROJECT / "src"), "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", code, str(path)], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stderr
    assert done.stdout.strip().endswith("[read.libreoffice_missing]")
    assert str(path) in done.stdout


def test_failed_conversion_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_soffice(tmp_path / "bin", 'echo "Error: source file could not be loaded" >&2; exit 1')
    monkeypatch.setenv("PATH", str(tmp_path / "bin") + os.pathsep + os.environ["PATH"])
    path = tmp_path / "a.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ReadError) as err:
        convert_to_docx(path, Limits(), out_dir=tmp_path / "out")
    assert err.value.code == "read.convert_failed"
    assert "source file could not be loaded" in err.value.message


def test_conversion_that_produces_nothing_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_soffice(tmp_path / "bin", "exit 0")
    monkeypatch.setenv("PATH", str(tmp_path / "bin") + os.pathsep + os.environ["PATH"])
    path = tmp_path / "a.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ReadError) as err:
        convert_to_docx(path, Limits(), out_dir=tmp_path / "out")
    assert err.value.code == "read.convert_failed"


def test_conversion_is_stopped_at_the_time_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_soffice(tmp_path / "bin", "sleep 60")
    monkeypatch.setenv("PATH", str(tmp_path / "bin") + os.pathsep + os.environ["PATH"])
    path = tmp_path / "a.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(LimitExceeded) as err:
        convert_to_docx(path, Limits(convert_timeout_s=1), out_dir=tmp_path / "out")
    assert err.value.code == "read.limit.convert_timeout"
    assert shutil.which("soffice") == str(tmp_path / "bin" / "soffice")


@pytest.mark.libreoffice
@pytest.mark.corpus
@needs_soffice
def test_parse_file_reads_a_legacy_doc_of_a_real_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.corpus import cell_matches, require_corpus, truth_reports
    from xxgk.read import parse_file
    from xxgk.write.docx import render_docx

    require_corpus()
    truth = next(t for t in truth_reports() if t.name == "huaian-2024.pdf")
    docx_path = tmp_path / "report.docx"
    docx_path.write_bytes(render_docx(parse_file(truth.path)))
    legacy = _soffice_to_doc(docx_path, tmp_path).rename(tmp_path / "淮安市2024年报.doc")
    tmp_root = tmp_path / "tmp"
    tmp_root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_root))  # where the conversion makes its files
    report = parse_file(legacy).to_dict()
    wrong = [k for k, v in truth.cells.items() if not cell_matches(v, report["cells"].get(k, {}))]
    assert not wrong
    assert report["cells"]["table_3.new_received.total"]["source"]["kind"] == "docx"
    assert list(tmp_root.iterdir()) == []  # the converted file and the LibreOffice profile are not left behind


def test_cli_without_libreoffice_names_the_file_and_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "年报.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)  # an OLE2 (legacy Word) header
    env = {"PATH": str(tmp_path), "PYTHONPATH": str(PROJECT / "src"), "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "xxgk", "parse", str(path)], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr
    assert str(path) in lines[0] and "LibreOffice" in lines[0] and lines[0].endswith("[read.libreoffice_missing]")
