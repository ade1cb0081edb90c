"""The demo in a real browser (Debian chromium through Playwright): a visitor
finds the login link on the landing page, a street-office clerk of the demo logs
in, follows the one navigation to every register and to the annual report,
downloads last year's report as Word; the supervisor sees the subordinate
agencies.  Screenshots go to ``XXGK_SCREENSHOTS`` when set (else a temp folder)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from django.db import connections
from django.utils import timezone

from xxgk.read import parse_file
from xxgk.web.agencies.models import Agency
from xxgk.web.annual.assemble import build_report
from xxgk.web.demo import DEMO_PASSWORD, STREETS, build_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# navigation link → what the page it opens says in its heading
PAGES = [
    ("办理中的申请", "办理中的申请"),
    ("登记申请", "登记"),
    ("主动公开", "主动公开登记"),
    ("复议诉讼", "行政复议、行政诉讼登记"),
    ("年度报告", "政府信息公开工作年度报告"),
]


def _login(page, base: str, username: str) -> None:
    page.goto(f"{base}/")
    page.click("text=工作人员登录 >> nth=-1")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_selector("h1:has-text('政府信息公开工作台')")


def test_demo_clerk_follows_the_navigation(live_server, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian chromium is not installed (./test.sh installs it)")
    build_demo(timezone.localdate(), fixed_password=True)
    shots = Path(os.environ.get("XXGK_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    street = STREETS[0]
    year = timezone.localdate().year - 1
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN", accept_downloads=True)
            page.goto(f"{live_server.url}/")
            assert "政府信息公开工作平台" in page.inner_text("main")
            page.screenshot(path=str(shots / "0-landing.png"), full_page=True)
            _login(page, live_server.url, street.username)
            assert page.url.rstrip("/") == live_server.url
            body = page.inner_text("main")
            assert street.name in body and "件办理中" in body and "已逾期" in body
            page.screenshot(path=str(shots / "1-home.png"), full_page=True)
            for n, (link, heading) in enumerate(PAGES, start=2):
                page.click(f"header nav >> text={link}")
                page.wait_for_load_state()
                assert heading in page.inner_text("h1"), link
                assert page.locator("header nav a").count() >= 6  # the same navigation on every page
                page.screenshot(path=str(shots / f"{n}-{link}.png"), full_page=True)
            assert f"{year}年政府信息公开工作年度报告" in page.inner_text("h1")
            # last year's report as Word, from the home page
            page.click("header nav >> text=首页")
            with page.expect_download() as info:
                page.click(f"a[href='/annual/{street.code}/{year}/report.docx']")
            saved = tmp_path / "report.docx"
            info.value.save_as(saved)
            back = parse_file(saved)
            expected = build_report(Agency.objects.get(code=street.code), year)
            assert back.year == year and back.value("table_3.new_received.total") == expected.value(
                "table_3.new_received.total"
            )
            page.click("header button:has-text('退出')")
            page.wait_for_selector("text=工作人员登录")
            # the supervisor sees the street offices and the roll-up
            _login(page, live_server.url, "supervisor")
            body = page.inner_text("main")
            assert "所属机关" in body and all(s.name in body for s in STREETS) and "汇总" in body
            page.screenshot(path=str(shots / "7-supervisor-home.png"), full_page=True)
        finally:
            browser.close()
            # The sync API runs this block in a greenlet of its own, where Django's connection
            # (per context) is another one than the test's: close it, or it stays open into the
            # teardown of the test database ("being accessed by other users" on PostgreSQL).
            connections.close_all()
