"""core/mail.py: an e-mail written from its templates, in the reader's language."""

import pytest
from django.core import mail

from core.mail import render_templated, send_templated

SUBJECT = (
    '{% load i18n %}{% autoescape off %}{% translate "today" %}, {{ name }}\n{% endautoescape %}\n'
)
TEXT = "{% autoescape off %}{{ name }} & co{% endautoescape %}\n"


@pytest.fixture
def templates(tmp_path, settings):
    """Templates in a folder of their own: greeting_subject.txt and greeting.txt."""
    (tmp_path / "greeting_subject.txt").write_text(SUBJECT)
    (tmp_path / "greeting.txt").write_text(TEXT)
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    return tmp_path


def test_the_e_mail_is_written_in_the_language_asked_for(templates):
    written = render_templated("greeting", {"name": "Rosa <3"}, language="nl")

    assert written.subject == "vandaag, Rosa <3"  # one line, stripped, never escaped
    assert written.text == "Rosa <3 & co"  # without the template file's last line break
    assert written.html is None


def test_an_html_template_is_sent_as_an_alternative(templates):
    (templates / "greeting.html").write_text("<p>{{ name }}</p>\n")

    send_templated("greeting", {"name": "Rosa <3"}, to=["rosa@example.org"], language="fr")

    [message] = mail.outbox
    assert (message.to, message.subject, message.body) == (
        ["rosa@example.org"],
        "aujourd'hui, Rosa <3",
        "Rosa <3 & co",
    )
    assert message.alternatives[0].content == "<p>Rosa &lt;3</p>\n"
    assert message.alternatives[0].mimetype == "text/html"
