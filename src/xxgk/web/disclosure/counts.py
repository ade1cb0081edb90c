"""What the register says for an annual report: items published in the year, in
total and by channel (the figures of 第一部分 总体情况).

An item counts in the year of its first publication (``published_on``), also
when withdrawn later; a channel counts in the year of its own date."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count

from xxgk.report import CHANNEL_KEYS
from xxgk.web.disclosure.models import ChannelPublication, DisclosureItem


def proactive_counts(agency_ids: Iterable[int], year: int) -> tuple[int, dict[str, int]]:
    ids = list(agency_ids)
    total = DisclosureItem.objects.filter(
        agency_id__in=ids, published_on__year=year, state__in=("published", "withdrawn")
    ).count()
    rows = (
        ChannelPublication.objects.filter(item__agency_id__in=ids, published_on__year=year)
        .exclude(item__state__in=("drafted", "reviewed", "secrecy_passed", "rejected"))
        .values("channel")
        .annotate(n=Count("pk"))
    )
    by_channel = dict.fromkeys(CHANNEL_KEYS, 0)
    for r in rows:
        by_channel[r["channel"]] = r["n"]
    return total, by_channel
