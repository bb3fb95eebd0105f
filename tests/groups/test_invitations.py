import html
import re
from datetime import timedelta

import pytest
import segno
from django.core import mail
from django.utils import timezone

from accounts.models import User
from groups.models import Invitation
from groups.services import create_invitation, revoke_invitation

CODE = re.compile(r"\b[A-Z0-9]{4}-[A-Z0-9]{4}\b")


def test_the_referent_makes_an_invitation_with_a_qr_code(client_as, group):
    client = client_as("referent")

    response = client.post("/groups/ca-chauffe/invitations/", {"days": 7, "max_uses": 5})

    invitation = Invitation.objects.get(group=group)
    assert response["Location"] == f"/groups/ca-chauffe/invitations/{invitation.pk}/"
    page = client.get(response["Location"])
    link = f"http://testserver/groups/join/{invitation.token}/"
    assert f'href="{link}"' in page.text
    # The QR code is the link itself: the same drawing segno makes of it.
    expected = segno.make(link, error="m").svg_inline(
        scale=6, dark="#1d1d1b", border=2, omitsize=True
    )
    assert expected in page.text
    assert invitation.max_uses == 5
    assert timedelta(days=6) < invitation.expires_at - timezone.now() <= timedelta(days=7)


def test_a_logged_in_person_joins_directly_and_uses_one_place(client_as, group, outsider):
    invitation = create_invitation(group, by=None, max_uses=2)
    client = client_as("outsider")

    assert "Rejoindre le groupe" in client.get(f"/groups/join/{invitation.token}/").text
    response = client.post(f"/groups/join/{invitation.token}/")

    assert response["Location"] == "/groups/ca-chauffe/"
    assert group.memberships.current().filter(person=outsider).exists()
    invitation.refresh_from_db()
    assert invitation.uses == 1
    # Joining twice uses no second place.
    client.post(f"/groups/join/{invitation.token}/")
    invitation.refresh_from_db()
    assert invitation.uses == 1


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (lambda i: Invitation.objects.filter(pk=i.pk).update(expires_at=timezone.now()), "expiré"),
        (lambda i: Invitation.objects.filter(pk=i.pk).update(uses=i.max_uses), "utilisée"),
        (revoke_invitation, "annulée"),
    ],
    ids=["expired", "used-up", "cancelled"],
)
def test_an_invitation_that_no_longer_works_gets_a_clear_page(
    client_as, group, outsider, spoil, message
):
    invitation = create_invitation(group, by=None)
    spoil(invitation)
    client = client_as("outsider")

    response = client.get(f"/groups/join/{invitation.token}/")
    assert response.status_code == 200
    assert "Cette invitation ne marche pas" in response.text
    assert message in response.text
    client.post(f"/groups/join/{invitation.token}/")
    assert not group.memberships.current().filter(person=outsider).exists()


def test_an_unknown_invitation_gets_a_clear_page(client, db):
    response = client.get("/groups/join/not-a-token/")

    assert response.status_code == 200
    assert "Cette invitation n'existe pas" in html.unescape(response.text)


def test_a_visitor_signs_up_from_an_invitation_logs_in_by_code_and_lands_in_the_group(
    client, group
):
    invitation = create_invitation(group, by=None)

    client.get(f"/groups/join/{invitation.token}/")
    response = client.post(
        "/accounts/signup/",
        {"display_name": "Karim Saidi", "email": "karim@example.org", "language": "nl"},
    )
    assert response.status_code == 302
    code = CODE.search(mail.outbox[-1].body).group()
    response = client.post(response["Location"], {"code": code})

    karim = User.objects.get(email="karim@example.org")
    assert (karim.display_name, karim.language) == ("Karim Saidi", "nl")
    assert response["Location"] == "/groups/ca-chauffe/"
    assert int(client.session["_auth_user_id"]) == karim.pk
    assert group.memberships.current().filter(person=karim).exists()


def test_without_an_invitation_sign_up_stays_closed(client, db):
    client.post(
        "/accounts/signup/",
        {"display_name": "Intrus", "email": "intrus@example.org", "language": "fr"},
    )

    assert not User.objects.filter(email="intrus@example.org").exists()
