"""Database tests of the web project.  They run on SQLite by default and on a real
PostgreSQL when ``DATABASE_URL`` is set (``./test.sh`` runs this directory twice)."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import get_user_model

from xxgk.web.agencies.models import Agency, Membership
from xxgk.web.casework import actions

# An application's applicant and request (personal data included) as the entry form takes them.
APPLICANT = {
    "applicant_kind": "natural_person",
    "applicant_name": "王小明",
    "id_number": "110101199001011234",
    "phone": "13800000000",
    "email": "wxm@example.cn",
    "address": "某市某区某路1号",
    "information_requested": "2025年某路段道路改造工程的立项批复文件",
    "preferred_form": "paper",
    "delivery": "post",
}


def new_app(agency, actor, channel="in_person", submitted="2026-09-28", **extra):
    """An application registered through ``actions`` (in person: received on ``submitted``)."""
    return actions.register_application(
        agency, actor, channel=channel, submitted_on=date.fromisoformat(submitted), **{**APPLICANT, **extra}
    )


@pytest.fixture
def district(db):
    return Agency.objects.create(name="某区人民政府办公室", code="district")


@pytest.fixture
def street(district):
    return Agency.objects.create(name="某街道办事处", code="street", parent=district)


def make_staff(username: str, agency: Agency, role: str = Membership.ROLE_CLERK):
    user = get_user_model().objects.create_user(username=username, password="pw-xxgk-test-1")
    Membership.objects.create(user=user, agency=agency, role=role)
    return user


@pytest.fixture
def street_clerk(street):
    return make_staff("street_clerk", street)


@pytest.fixture
def street_head(street):
    return make_staff("street_head", street, Membership.ROLE_HEAD)


@pytest.fixture
def district_clerk(district):
    return make_staff("district_clerk", district)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
