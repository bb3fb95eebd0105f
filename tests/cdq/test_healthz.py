from django.db.utils import OperationalError


def test_healthz_answers_ok_when_the_database_answers(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.text == "ok\n"
    assert "no-cache" in response["Cache-Control"]


class UnreachableDatabase:
    def cursor(self):
        raise OperationalError("connection refused")


def test_healthz_answers_503_when_the_database_does_not(client, db, monkeypatch):
    monkeypatch.setattr("cdq.views.connection", UnreachableDatabase())

    response = client.get("/healthz")

    assert response.status_code == 503
