import re

from django.conf import settings
from django.core import mail
from django.test import Client

from accounts.models import User

CODE = re.compile(r"\b[A-Z0-9]{4}-[A-Z0-9]{4}\b")


def request_code(client, email: str):
    return client.post("/accounts/login/code/", {"email": email})


def test_the_login_page_of_the_shell_asks_for_an_email_first(client, db):
    response = client.get("/accounts/login/code/")

    assert "<h1>Se connecter</h1>" in response.text
    assert 'aria-label="Menu principal"' in response.text


def test_a_code_by_email_logs_the_person_in_and_speaks_her_language(client, db):
    jan = User.objects.create_user(email="voisin@example.org", display_name="Jan", language="nl")

    response = request_code(client, "voisin@example.org")
    assert response["Location"] == "/accounts/login/code/confirm/"
    code = CODE.search(mail.outbox[-1].body).group()
    response = client.post("/accounts/login/code/confirm/", {"code": code})

    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == jan.pk
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "nl"
    assert "Hallo Jan!" in client.get("/").text


def test_an_unknown_email_is_not_revealed_and_gets_a_short_plain_mail(client, db):
    response = request_code(client, "stranger@example.org")

    assert response["Location"] == "/accounts/login/code/confirm/"
    assert "_auth_user_id" not in client.session
    [message] = mail.outbox
    assert message.subject == "Pas de compte avec cet e-mail"
    assert "demandez à un groupe de cuisine son invitation" in message.body
    assert "/accounts/signup/" not in message.body
    assert not CODE.search(message.body)


def test_a_language_chosen_just_before_logging_in_becomes_the_persons_language(client, member):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"

    request_code(client, "amina@example.org")
    code = CODE.search(mail.outbox[-1].body).group()
    client.post("/accounts/login/code/confirm/", {"code": code})

    member.refresh_from_db()
    assert member.language == "nl"


def test_a_new_code_can_be_asked_for_from_the_code_page(client, member):
    request_code(client, "amina@example.org")

    page = client.get("/accounts/login/code/confirm/")
    assert "Envoyer un nouveau code" in page.text
    assert 'aria-describedby="id_code_helptext"' in page.text
    client.post("/accounts/login/code/confirm/", {"action": "resend"})

    assert len(mail.outbox) == 2


def test_sign_up_is_closed_people_join_through_a_group(client, db):
    response = client.post("/accounts/signup/", {"email": "new@example.org"})

    assert "Rejoindre un groupe" in response.text
    assert not User.objects.filter(email="new@example.org").exists()


def test_requests_for_codes_for_one_email_are_rate_limited(member):
    # Each request from a fresh phone: a pending login would just be resumed.
    responses = [request_code(Client(), "amina@example.org") for _ in range(4)]

    assert [r.status_code for r in responses[:3]] == [302, 302, 302]
    assert responses[3].status_code == 200
    assert "Trop de tentatives" in responses[3].text
    assert len(mail.outbox) == 3


def test_the_code_comes_in_the_subject_and_in_the_persons_language(client, db):
    User.objects.create_user(email="voisin@example.org", display_name="Jan", language="nl")

    request_code(client, "voisin@example.org")

    message = mail.outbox[-1]
    code = CODE.search(message.body).group()
    assert message.subject == f"Je code: {code}"
    assert "Typ hem op de pagina die openstaat." in message.body


def test_a_coordinator_made_with_createsuperuser_logs_in_by_code(client, db):
    from django.core.management import call_command

    call_command(
        "createsuperuser",
        interactive=False,
        email="Boss@Example.org",
        display_name="Claire",
        verbosity=0,
    )

    request_code(client, "boss@example.org")
    code = CODE.search(mail.outbox[-1].body).group()
    response = client.post("/accounts/login/code/confirm/", {"code": code})

    assert response["Location"] == "/"
    assert client.get("/admin/").status_code == 200
