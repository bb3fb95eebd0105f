import os

import pytest
from django.core.exceptions import ImproperlyConfigured

from cdq.settings import database_from_url, env_bool, env_int, env_list
from tests.cdq.subprocesses import PRODUCTION, run_manage


def test_env_bool_reads_the_usual_spellings_and_refuses_anything_else(monkeypatch):
    monkeypatch.setenv("X_FLAG", "yes")
    assert env_bool("X_FLAG") is True
    monkeypatch.setenv("X_FLAG", "0")
    assert env_bool("X_FLAG", True) is False
    monkeypatch.setenv("X_FLAG", "")
    assert env_bool("X_FLAG", True) is True
    monkeypatch.setenv("X_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="X_FLAG='maybe'"):
        env_bool("X_FLAG")


def test_env_int_refuses_a_value_that_is_not_a_number(monkeypatch):
    monkeypatch.setenv("X_PORT", "25")
    assert env_int("X_PORT", 1) == 25
    monkeypatch.setenv("X_PORT", "twenty")
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        env_int("X_PORT", 1)


def test_env_list_splits_on_commas_and_drops_blanks(monkeypatch):
    monkeypatch.setenv("X_HOSTS", " a.be, ,b.be ")
    assert env_list("X_HOSTS") == ["a.be", "b.be"]


def test_a_postgres_url_becomes_the_database_settings():
    db = database_from_url("postgres://cdq:s%40cret@db.local:5433/cdq_prod?sslmode=require")

    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["PASSWORD"]) == ("cdq_prod", "cdq", "s@cret")
    assert (db["HOST"], db["PORT"]) == ("db.local", "5433")
    assert db["OPTIONS"] == {"sslmode": "require"}


def test_an_unknown_database_scheme_or_a_missing_name_is_refused():
    with pytest.raises(ImproperlyConfigured, match="mysql"):
        database_from_url("mysql://root@localhost/cdq")
    with pytest.raises(ImproperlyConfigured, match="name is missing"):
        database_from_url("postgres://postgres@127.0.0.1:5432/")


@pytest.mark.parametrize(
    "key",
    ["", "short", "django-insecure-" + "x" * 60, "a" * 60],
    ids=["none", "short", "insecure", "repeated"],
)
def test_production_refuses_to_start_with_a_missing_or_weak_secret_key(key):
    result = run_manage("check", env={**PRODUCTION, "DJANGO_SECRET_KEY": key})

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is missing or weak" in result.stderr


@pytest.mark.parametrize("missing", ["DJANGO_EMAIL_HOST", "DJANGO_DEFAULT_FROM_EMAIL"])
def test_production_refuses_to_start_without_a_way_to_send_the_login_codes(missing):
    env = {k: v for k, v in PRODUCTION.items() if k != missing}
    result = run_manage("check", env=env)

    assert result.returncode != 0
    assert f"{missing} is not set" in result.stderr


def test_the_deployment_check_passes_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_suite_runs_on_the_database_it_was_asked_for(db):
    from django.db import connection

    wanted = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    assert connection.vendor == wanted


def test_in_development_the_login_code_mail_is_printed_on_the_console():
    script = (
        "from django.core import mail; "
        "mail.send_mail('Code', 'ABCD-EFGH', 'a@example.org', ['b@example.org'])"
    )
    result = run_manage("shell", "-c", script, env={"DJANGO_DEBUG": "1"})

    assert result.returncode == 0, result.stderr
    assert "ABCD-EFGH" in result.stdout
