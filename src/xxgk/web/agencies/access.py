"""Who may see what: staff see the records of their own agencies and of the
agencies those supervise; personal data only for their own agencies."""

from __future__ import annotations

from typing import Any

from xxgk.web.agencies.models import Agency, Membership


def own_agency_ids(user: Any) -> set[int]:
    """Agencies the user is a member of (personal data visible)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(Membership.objects.filter(user=user).values_list("agency_id", flat=True))


def visible_agency_ids(user: Any) -> set[int]:
    """Own agencies plus every agency they supervise (records visible, personal data masked)."""
    if getattr(user, "is_superuser", False):
        return set(Agency.objects.values_list("pk", flat=True))
    ids: set[int] = set()
    for agency in Agency.objects.filter(pk__in=own_agency_ids(user)):
        ids |= agency.descendant_ids()
    return ids


def can_see_personal_data(user: Any, agency_id: int) -> bool:
    """Only the agency's own staff see the applicant's identity and contact details."""
    return agency_id in own_agency_ids(user)


def can_act(user: Any, agency_id: int) -> bool:
    """Whether the user may write the agency's records: its own staff, or a superuser
    (supervising offices see their subordinates' records but do not act for them)."""
    return bool(getattr(user, "is_superuser", False)) or agency_id in own_agency_ids(user)


def is_head(user: Any, agency_id: int) -> bool:
    return Membership.objects.filter(user=user, agency_id=agency_id, role=Membership.ROLE_HEAD).exists()
