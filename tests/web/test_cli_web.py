"""``xxgk migrate`` / ``createsuperuser`` / ``serve`` as real processes on a fresh
SQLite data folder (what ``./run.sh`` does)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _env(data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(PYTHONPATH=str(ROOT / "src"), XXGK_DATA_DIR=str(data), DJANGO_SUPERUSER_PASSWORD="xxgk-Test-pw-91")
    return env


def xxgk(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "xxgk", *args], capture_output=True, text=True, env=_env(data), timeout=120
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *a, **k):  # type: ignore[no-untyped-def]
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=5) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Location", "")


def test_serve_migrates_a_fresh_data_folder_and_answers(tmp_path):
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "xxgk", "serve", "--port", str(port)],
        env=_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        status = None
        for _ in range(100):
            try:
                status, location = _get(f"http://127.0.0.1:{port}/casework/")
                break
            except OSError:
                time.sleep(0.2)
        assert status == 302 and "/accounts/login/" in location
        status, body = _get(f"http://127.0.0.1:{port}/admin/login/")
        assert status == 200 and "xxgk 信息公开" in body
        assert _get(f"http://127.0.0.1:{port}/api/health")[0] == 200
        assert (tmp_path / "xxgk.sqlite3").is_file()
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=20)
    assert "首次使用" in out and "createsuperuser" in out
    assert "System check" in out  # the calendar check (xxgk.W001) runs at start


def test_migrate_and_createsuperuser(tmp_path):
    p = xxgk(tmp_path, "migrate")
    assert p.returncode == 0, p.stderr
    assert (tmp_path / "xxgk.sqlite3").is_file()
    p = xxgk(tmp_path, "createsuperuser", "--noinput", "--username", "admin", "--email", "admin@example.cn")
    assert p.returncode == 0, p.stderr
    import sqlite3

    with sqlite3.connect(tmp_path / "xxgk.sqlite3") as db:
        assert db.execute("select username, is_superuser from auth_user").fetchall() == [("admin", 1)]
