"""The app as production runs it: debug off, collected static files, gunicorn, whitenoise."""

import gzip
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from tests.cdq.subprocesses import PRODUCTION, ROOT, clean_env, run_manage

PAGE_BUDGET_BYTES = 60 * 1024


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, *, https: bool = True) -> tuple[bytes, dict[str, str]]:
    headers = {"Accept-Encoding": "gzip", "Accept-Language": "fr-BE"}
    if https:
        headers["X-Forwarded-Proto"] = "https"  # as the reverse proxy says
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read(), dict(response.headers)


@pytest.fixture(scope="module")
def production_server(tmp_path_factory):
    var = tmp_path_factory.mktemp("production")
    env = {
        **PRODUCTION,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{var / 'cdq.sqlite3'}",
        "DJANGO_STATIC_ROOT": str(var / "static"),
        "DJANGO_MEDIA_ROOT": str(var / "media"),
    }
    for command in (["migrate", "--no-input"], ["collectstatic", "--no-input"]):
        result = run_manage(*command, env=env)
        assert result.returncode == 0, result.stderr
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "cdq.wsgi", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=clean_env(**env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            fetch(url + "/healthz")
            break
        except OSError:
            if server.poll() is not None:
                pytest.fail(f"gunicorn did not start:\n{server.stderr.read().decode()}")
            time.sleep(0.1)
    else:
        server.kill()
        pytest.fail(f"gunicorn did not answer:\n{server.stderr.read().decode()}")
    yield url
    server.terminate()
    server.wait(timeout=10)


def test_production_serves_the_french_home_page_with_hashed_compressed_static_files(
    production_server,
):
    html, headers = fetch(production_server + "/")

    assert "Cuisiner ensemble, près de chez vous" in html.decode()
    assert "Strict-Transport-Security" in headers
    assets = re.findall(r'(?:href|src)="(/static/[^"#]+)', html.decode())
    assert any(re.search(r"app\.[0-9a-f]{12}\.css$", path) for path in assets), assets
    for path in assets:
        _, asset_headers = fetch(production_server + path)
        assert asset_headers.get("Content-Encoding") == "gzip", path
        assert "max-age=315360000" in asset_headers["Cache-Control"], path


def test_the_home_page_weighs_under_60_kb_as_production_sends_it(production_server):
    html, _ = fetch(production_server + "/")
    # HTML is compressed by the reverse proxy; static files come precompressed.
    total = len(gzip.compress(html, compresslevel=6))
    assets = set(re.findall(r'(?:href|src)="(/static/[^"#]+)', html.decode()))
    for path in assets:
        body, _ = fetch(production_server + path)
        total += len(body)

    assert len(assets) >= 3, assets  # the stylesheet, htmx, the icons
    assert total <= PAGE_BUDGET_BYTES, total


def test_the_health_probe_answers_over_plain_http_while_pages_redirect_to_https(
    production_server,
):
    body, _ = fetch(production_server + "/healthz", https=False)
    assert body == b"ok\n"

    with pytest.raises(urllib.error.HTTPError) as redirect:
        urllib.request.build_opener(NoRedirect).open(production_server + "/", timeout=10)
    assert redirect.value.code == 301
    assert redirect.value.headers["Location"].startswith("https://")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
