"""A database made before facilitation, figures and demo became apps of their own migrates
with every row kept: the old code (from git) migrates and loads its demo into a SQLite
file, today's code migrates that file, and every table has as many rows as before."""

import io
import sqlite3
import subprocess
import sys
import tarfile

from tests.cdq.subprocesses import ROOT, clean_env

# The last commit whose layout was the old one (facilitation in groups/, demo in six apps).
BEFORE_THE_FLOORS = "4a2793e"


def counts(database) -> dict[str, int]:
    with sqlite3.connect(database) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            table: connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]  # noqa: S608
            for table in tables
        }


def manage(cwd, *args, database) -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=cwd,
        env=clean_env(DJANGO_DEBUG="1", DATABASE_URL=f"sqlite:///{database}"),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_database_seeded_by_the_old_layout_migrates_with_every_row_kept(tmp_path):
    archive = subprocess.run(
        ["git", "archive", "--format=tar", BEFORE_THE_FLOORS],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout
    old = tmp_path / "old"
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(old, filter="data")
    database = tmp_path / "cdq.sqlite3"
    manage(old, "migrate", "--no-input", database=database)
    manage(old, "seed_demo", database=database)
    before = counts(database)
    assert before["groups_contact"] > 0  # the demo's year of facilitation contacts

    manage(ROOT, "migrate", "--no-input", database=database)

    after = counts(database)
    renamed = {
        "portions_session": "portions_cookingsession",
        "portions_entry": "portions_ledgerentry",
    }
    assert {t: n for t, n in after.items() if t != "django_migrations"} == {
        renamed.get(t, t): n for t, n in before.items() if t != "django_migrations"
    }
    with sqlite3.connect(database) as connection:
        moved = connection.execute(
            "SELECT app_label, model FROM django_content_type WHERE model = 'contact'"
        ).fetchall()
    assert moved == [("facilitation", "contact")]
    assert before["portions_entry"] > 0 and before["portions_session"] > 0
