from django.test import RequestFactory
from django.views.defaults import server_error


def test_an_unknown_page_gets_the_404_page_in_the_shell(client, db):
    response = client.get("/nothing-here/")

    assert response.status_code == 404
    assert "<h1>Page introuvable</h1>" in response.text
    assert 'aria-label="Menu principal"' in response.text


def test_the_404_page_speaks_dutch_to_a_dutch_browser(client, db):
    response = client.get("/nothing-here/", headers={"accept-language": "nl"})

    assert "<h1>Pagina niet gevonden</h1>" in response.text


def test_the_500_page_renders_without_a_request_context_or_database():
    # Django renders it when things are broken: it must not need the database.
    response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    assert "Il y a eu un problème" in response.content.decode()


def test_a_stale_form_gets_a_friendly_page_not_a_technical_one(db):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/i18n/setlang/", {"language": "nl"})

    assert response.status_code == 403
    assert "<h1>Essayez encore</h1>" in response.text
