import re


def test_pages_carry_a_strict_content_security_policy_with_a_nonce(client, db):
    response = client.get("/")

    csp = response["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", csp).group(1)
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "'unsafe-inline'" not in csp
    scripts = re.findall(r"<script[^>]*>", response.text)
    assert scripts, "htmx is served by the page itself"
    assert all(f'nonce="{nonce}"' in tag for tag in scripts)
    assert all('src="/static/' in tag for tag in scripts), "no CDN"


def test_pages_are_not_framed_and_do_not_sniff_types(client, db):
    response = client.get("/")

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
