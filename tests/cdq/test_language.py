from django.conf import settings


def test_switching_language_sets_the_cookie_and_goes_back_to_the_page(client, db):
    response = client.post("/i18n/setlang/", {"language": "nl", "next": "/recipes/"})

    assert response.status_code == 302
    assert response["Location"] == "/recipes/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "nl"
    assert "Samen koken" in client.get("/").text


def test_a_logged_in_person_keeps_the_language_on_the_account(client_as, member):
    client = client_as("member")

    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    member.refresh_from_db()
    assert member.language == "en"


def test_an_unknown_language_changes_nothing(client_as, member):
    client = client_as("member")

    client.post("/i18n/setlang/", {"language": "xx", "next": "/"})

    member.refresh_from_db()
    assert member.language == "fr"
    assert settings.LANGUAGE_COOKIE_NAME not in client.cookies


def test_the_switch_is_a_form_post_only(client, db):
    assert client.get("/i18n/setlang/?language=nl").status_code == 405


def test_a_foreign_next_address_is_not_followed(client, db):
    response = client.post("/i18n/setlang/", {"language": "nl", "next": "https://evil.example"})

    assert response["Location"] == "/"
