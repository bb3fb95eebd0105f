"""Running the project as another process, with the environment production would give it."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k3-Jq9vXz0pL8mN2bV7cR4tY6uW1eA5sD0fG8hJ2kL4zX7cV9bN3mQ5wE1rT6yU"
PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": STRONG_KEY,
    "DJANGO_ALLOWED_HOSTS": "membres.cuisinesdequartier.be",
    "DJANGO_EMAIL_HOST": "smtp.example.org",
    "DJANGO_DEFAULT_FROM_EMAIL": "Cuisines de Quartier <membres@example.org>",
}


def clean_env(**env: str) -> dict[str, str]:
    """This process's environment without our settings, plus `env`."""
    kept = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    return {**kept, "DJANGO_SETTINGS_MODULE": "cdq.settings", **env}


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean_env(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )
