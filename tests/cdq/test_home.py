import pytest
from django.urls import reverse


def test_a_visitor_sees_what_a_group_is_and_how_to_join(client, db, max_queries):
    with max_queries():
        response = client.get("/")

    assert response.status_code == 200
    assert response.templates[0].name == "cdq/home_visitor.html"
    assert "Cuisiner ensemble, près de chez vous" in response.text
    assert reverse("account_request_login_code") in response.text
    assert "Bonjour" not in response.text


def test_a_member_is_greeted_by_first_name_with_honest_empty_states(client_as, max_queries):
    client = client_as("member")

    with max_queries():
        response = client.get("/")

    assert response.templates[0].name == "cdq/home_member.html"
    assert "Bonjour Amina !" in response.text
    assert "Pas encore de session de cuisine prévue" in response.text
    assert "Rien à payer" in response.text


@pytest.mark.parametrize(
    ("accept_language", "heading"),
    [
        ("fr-BE", "Cuisiner ensemble, près de chez vous"),
        ("nl-BE,nl;q=0.9", "Samen koken, dicht bij huis"),
        ("en-GB", "Cook together, near you"),
        ("tr-TR", "Cuisiner ensemble, près de chez vous"),
    ],
)
def test_the_home_page_speaks_the_browsers_language_and_french_by_default(
    client, db, accept_language, heading
):
    response = client.get("/", headers={"accept-language": accept_language})

    assert f"<h1>{heading}</h1>" in response.text


def test_every_page_carries_the_shell_landmarks_and_the_menu(client_as):
    response = client_as("member").get("/")

    html = response.text
    assert '<html lang="fr" dir="ltr">' in html
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html
    assert 'aria-label="Menu principal"' in html
    for word in ["Accueil", "Cuisine", "Recettes", "Agenda", "Moi"]:
        assert f"<span>{word}</span>" in html


def test_staff_outside_any_group_get_their_links_not_a_cooks_cards(client_as):
    page = client_as("coordinator").get("/").content.decode()

    assert "/facilitation/" in page and "/figures/" in page
    assert "pas encore dans un groupe" not in page
    assert 'id="next-session"' not in page and 'id="balance"' not in page


def test_a_cook_outside_any_group_is_told_how_to_join(client, db):
    from tests.factories import make_person

    client.force_login(make_person("nouvelle@example.org", "Nouvelle Voisine"))

    page = client.get("/").content.decode()

    assert "pas encore dans un groupe" in page
    assert 'id="balance"' in page
