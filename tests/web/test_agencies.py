from __future__ import annotations

from xxgk.web.agencies import access
from xxgk.web.agencies.models import Agency


def test_tree_descendants_and_ancestors(district, street):
    other = Agency.objects.create(name="另一街道", code="street2", parent=district)
    lone = Agency.objects.create(name="无关机关", code="lone")
    assert district.descendant_ids() == {district.pk, street.pk, other.pk}
    assert street.descendant_ids() == {street.pk}
    assert [a.pk for a in street.ancestors()] == [district.pk]
    assert lone.pk not in district.descendant_ids()


def test_supervisor_sees_records_but_not_personal_data(district, street, district_clerk, street_clerk):
    assert access.visible_agency_ids(district_clerk) == {district.pk, street.pk}
    assert access.visible_agency_ids(street_clerk) == {street.pk}
    assert access.can_see_personal_data(street_clerk, street.pk)
    assert not access.can_see_personal_data(district_clerk, street.pk)
    assert not access.can_see_personal_data(street_clerk, district.pk)
