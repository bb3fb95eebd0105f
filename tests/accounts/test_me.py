from django.conf import settings


def test_a_visitor_is_sent_to_the_login_page(client, db):
    response = client.get("/me/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/code/?next=/me/"


def test_a_cook_sees_her_details_and_the_way_out(client_as, max_queries):
    client = client_as("member")

    with max_queries():
        response = client.get("/me/")

    assert response.status_code == 200
    assert "amina@example.org" in response.text
    assert 'action="/accounts/logout/"' in response.text


def test_saving_changes_name_phone_and_language_and_the_interface_follows(client_as, member):
    client = client_as("member")

    response = client.post(
        "/me/", {"display_name": "Amina B.", "phone": "0470 12 34 56", "language": "nl"}
    )

    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.display_name, member.phone, member.language) == (
        "Amina B.",
        "0470 12 34 56",
        "nl",
    )
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "nl"
    assert "Opgeslagen." in client.get("/me/").text


def test_an_invalid_form_keeps_what_was_typed_and_says_what_is_wrong(client_as, member):
    response = client_as("member").post(
        "/me/", {"display_name": "", "phone": "0470 12 34 56", "language": "xx"}
    )

    assert response.status_code == 200
    assert "Ce champ est obligatoire." in response.text
    assert 'value="0470 12 34 56"' in response.text
    member.refresh_from_db()
    assert member.display_name == "Amina Benali"
    assert member.language == "fr"


def test_the_email_cannot_be_changed_from_this_form(client_as, member):
    client_as("member").post(
        "/me/",
        {"display_name": "Amina", "language": "fr", "email": "pirate@example.org"},
    )

    member.refresh_from_db()
    assert member.email == "amina@example.org"
