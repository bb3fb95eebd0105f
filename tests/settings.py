"""The test run's environment, then the one settings module.

Tests run with the development defaults (no secret key or SMTP needed; pytest-django
still turns DEBUG off while a test runs). Production settings are checked by
tests/cdq/test_settings.py in a subprocess with the production environment.
"""

import os

os.environ.setdefault("DJANGO_DEBUG", "1")
# Playwright's sync API runs an event loop in the test thread; the ORM calls our browser
# tests make from that thread are plain synchronous ones.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from cdq.settings import *  # noqa: F403

# Hashing passwords fast: tests create many people.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Static files come from the finders in tests; nothing is collected.
STATIC_ROOT = None

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # A file, not SQLite's shared in-memory database: there, threads with their own
    # connections fail at once with "database table is locked" instead of waiting their
    # turn, so races could not be tested (tests/groups/test_bookings.py). pytest-xdist
    # gives each worker its own file.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}  # noqa: F405
