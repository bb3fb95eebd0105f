"""A group's follow-up is for coordinators and its facilitator while they are one: a person
whose facilitator role was taken away no longer sees the group's follow-up, even if the
group still names them."""

import pytest
from django.contrib.auth.models import AnonymousUser

from groups.access import may_follow

pytestmark = pytest.mark.django_db


def test_the_facilitator_of_the_group_follows_it_and_sees_the_link(client_as, other_group):
    facilitator = other_group.facilitator

    assert may_follow(facilitator, other_group)
    page = client_as("facilitator").get(other_group.get_absolute_url()).content.decode()
    assert f'href="/facilitation/{other_group.slug}/"' in page


def test_a_former_facilitator_neither_follows_the_group_nor_sees_the_link(client_as, other_group):
    former = other_group.facilitator
    former.is_facilitator = False
    former.save(update_fields=["is_facilitator"])

    assert not may_follow(former, other_group)
    browser = client_as("facilitator")
    assert browser.get(f"/facilitation/{other_group.slug}/").status_code in (403, 404)
    page = browser.get(other_group.get_absolute_url())
    assert f'href="/facilitation/{other_group.slug}/"' not in page.content.decode()


def test_nobody_logged_out_follows_a_group(other_group):
    assert not may_follow(AnonymousUser(), other_group)
