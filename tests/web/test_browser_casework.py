"""The back office in a real browser (Debian chromium through Playwright): a street
office clerk logs in, registers an application received in person, sees its
due date with the explanation, and answers it."""

from __future__ import annotations

import shutil

import pytest
from django.db import connections

from xxgk.web.casework.models import Application

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


def test_clerk_registers_and_answers(live_server, street, street_clerk):
    sync_api = pytest.importorskip("playwright.sync_api")
    if not shutil.which("chromium") and not __import__("os").path.exists(CHROMIUM):
        pytest.skip("Debian chromium is not installed (./test.sh installs it)")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            page = browser.new_page()
            page.goto(f"{live_server.url}/casework/new/")
            assert "/accounts/login/" in page.url
            page.fill("#id_username", "street_clerk")
            page.fill("#id_password", "pw-xxgk-test-1")
            page.click("button[type=submit]")
            page.wait_for_url("**/casework/new/")
            page.select_option("#id_applicant_kind", "commercial_enterprise")
            page.fill("#id_applicant_name", "某某科技有限公司")
            page.select_option("#id_channel", "in_person")
            page.fill("#id_submitted_on", "2026-09-28")
            page.fill("#id_information_requested", "某地块土地出让合同")
            page.click("main button[type=submit]")
            page.wait_for_selector("text=已登记，查询码")
            body = page.inner_text("body")
            assert "到期日：2026-10-30" in body and "计入调休上班日：2026-10-10（星期六，国庆节调休）" in body
            app = Application.objects.get()
            # answer it with the form of the detail page
            form = page.locator("form[action$='/do/answer/']")
            form.locator("input[name='answer-on']").fill("2026-10-09")
            form.locator("select[name='answer-outcome']").select_option("disclosed")
            form.locator("button[type=submit]").click()
            page.wait_for_selector("text=已登记：作出答复")
            app.refresh_from_db()
            assert app.state == "answered" and app.outcome == "disclosed" and app.closed_on.isoformat() == "2026-10-09"
            assert "予以公开" in page.inner_text("body")
        finally:
            browser.close()
            # The sync API runs this block in a greenlet of its own, where Django's connection
            # (per context) is another one than the test's: close it, or it stays open into the
            # teardown of the test database ("being accessed by other users" on PostgreSQL).
            connections.close_all()
