"""Large and hostile files are refused within the set limits, with a clear
error and a stable code, before any expensive work is done."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest

from tests.pdf_maker import pages_pdf
from tests.test_read_docx import _table3_docx
from xxgk.errors import LimitExceeded, ReadError
from xxgk.read.docx import read_docx
from xxgk.read.limits import DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_PDF_PAGES, DEFAULT_MAX_UNZIPPED_BYTES, Limits
from xxgk.read.pdf import read_pdf

PROJECT = Path(__file__).resolve().parent.parent
MiB = 1024 * 1024


def _docx_with_extra(path: Path, members: dict[str, int], *, copies: int = 1) -> Path:
    """A real DOCX plus extra members of zeros (``name: size in bytes``), each
    written ``copies`` times under numbered names."""
    base = _table3_docx(path.with_name("base.docx"))
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item))
        chunk = b"\0" * MiB
        for name, size in members.items():
            for k in range(copies):
                with dst.open(f"{name}{k if copies > 1 else ''}", "w", force_zip64=True) as f:
                    left = size
                    while left > 0:
                        f.write(chunk[: min(left, MiB)])
                        left -= MiB
    return path


def _forbid_docx_open(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if python-docx is asked to open a file from now on: the
    limits must refuse it from the zip directory alone."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("python-docx opened a file the zip checks should have refused")

    monkeypatch.setattr(docx, "Document", refuse)


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real DOCX carrying 250 MiB of zeros in a ~250 KB file: over the default total of 200 MiB."""
    path = _docx_with_extra(tmp_path_factory.mktemp("bomb") / "bomb.docx", {"word/media/image1.png": 250 * MiB})
    assert path.stat().st_size < 1 * MiB
    return path


def test_zip_bomb_docx_is_refused_from_its_directory(bomb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _forbid_docx_open(monkeypatch)
    with pytest.raises(LimitExceeded) as err:
        read_docx(bomb, Limits())
    assert err.value.code == "read.limit.unzipped_bytes"
    assert str(DEFAULT_MAX_UNZIPPED_BYTES) in err.value.message and "压缩炸弹" in err.value.message


def test_highly_compressed_member_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # 20 MiB of zeros: under the total limit, but compressed ~1000 : 1
    bomb = _docx_with_extra(tmp_path / "ratio.docx", {"word/media/image1.emf": 20 * MiB})
    _forbid_docx_open(monkeypatch)
    with pytest.raises(LimitExceeded) as err:
        read_docx(bomb, Limits())
    assert err.value.code == "read.limit.zip_ratio"
    assert "word/media/image1.emf" in err.value.message


def test_too_many_members_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    many = _docx_with_extra(tmp_path / "many.docx", {"customXml/item": 10}, copies=60)
    _forbid_docx_open(monkeypatch)
    with pytest.raises(LimitExceeded) as err:
        read_docx(many, Limits(max_zip_members=50))
    assert err.value.code == "read.limit.zip_members"


def test_ordinary_docx_is_within_the_default_limits(tmp_path: Path) -> None:
    # a real report-sized DOCX with a 2 MiB picture of ordinary (incompressible) bytes passes
    path = _docx_with_extra(tmp_path / "ok.docx", {})
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("word/media/photo.jpg", bytes(range(256)) * (8 * 1024), compress_type=zipfile.ZIP_STORED)
    doc = read_docx(path, Limits())
    assert any(line.table == 0 for line in doc.lines)


def test_pdf_over_the_page_limit_is_refused(tmp_path: Path) -> None:
    path = pages_pdf(tmp_path / "long.pdf", DEFAULT_MAX_PDF_PAGES + 1, text="正文{n}")
    with pytest.raises(LimitExceeded) as err:
        read_pdf(path, Limits())
    assert err.value.code == "read.limit.pdf_pages"
    assert str(DEFAULT_MAX_PDF_PAGES + 1) in err.value.message


# --------------------------------------------------------------------------- end to end through parse_file


def _parse_file_error(path: Path) -> LimitExceeded:
    from xxgk.read import parse_file

    with pytest.raises(LimitExceeded) as err:
        parse_file(path)
    return err.value


def test_parse_file_refuses_a_pdf_over_the_page_limit(tmp_path: Path) -> None:
    path = pages_pdf(tmp_path / "long.pdf", DEFAULT_MAX_PDF_PAGES + 1, text="正文{n}")
    assert _parse_file_error(path).code == "read.limit.pdf_pages"


def test_parse_file_refuses_a_docx_zip_bomb(bomb: Path) -> None:
    assert _parse_file_error(bomb).code == "read.limit.unzipped_bytes"


@pytest.mark.parametrize("suffix", [".pdf", ".docx", ".txt", ".html"])
def test_parse_file_refuses_a_file_over_the_size_limit(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"huge{suffix}"
    with path.open("wb") as f:  # sparse: costs no disk
        f.truncate(DEFAULT_MAX_FILE_BYTES + 1)
    err = _parse_file_error(path)
    assert err.code.startswith("read.limit")
    assert err.path in (None, str(path))


def test_cli_names_the_file_and_the_limit(tmp_path: Path) -> None:
    path = pages_pdf(tmp_path / "long.pdf", DEFAULT_MAX_PDF_PAGES + 1, text="正文{n}")
    done = subprocess.run(
        [sys.executable, "-m", "xxgk", "parse", str(path)],
        env={"PYTHONPATH": str(PROJECT / "src"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    err = done.stderr.strip().splitlines()
    assert len(err) == 1 and "Traceback" not in done.stderr
    assert str(path) in err[0] and "[read.limit.pdf_pages]" in err[0]


def test_entity_expansion_bomb_in_a_docx_is_not_expanded(tmp_path: Path) -> None:
    # "billion laughs": 10^9 copies of a phrase declared through nested XML entities
    base = _table3_docx(tmp_path / "base.docx")
    entities = '<!ENTITY a0 "政府信息公开">' + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    path = tmp_path / "laughs.docx"
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                head, rest = data.decode("utf-8").split("?>", 1)
                rest = rest.replace("三、收到和处理政府信息公开申请情况", "&a9;", 1)
                data = f"{head}?><!DOCTYPE w:document [{entities}]>{rest}".encode()
            dst.writestr(item, data)
    try:
        doc = read_docx(path, Limits())
    except ReadError as exc:  # refused: fine, as long as it is a clear refusal
        assert exc.code == "read.docx_invalid" or exc.code.startswith("read.limit")
    else:
        assert len(doc.text) < 10_000  # the entities were not expanded
