"""E-mails written as templates, in the reader's language.

An e-mail is two or three templates side by side: `<prefix>_subject.txt` (one line),
`<prefix>.txt` (the text) and, when it exists, `<prefix>.html` (sent as an alternative to
the text). The plain-text templates are wrapped in `{% autoescape off %}`: a text e-mail
shows "&" as "&", never "&amp;".

When an e-mail goes (after the commit, never twice) stays with the caller: these helpers
only write it and send it.
"""

from typing import NamedTuple

from django.core.mail import send_mail
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import translation


class Written(NamedTuple):
    """An e-mail ready to send: its subject, its text and its HTML (None without one)."""

    subject: str
    text: str
    html: str | None


def render_templated(template_prefix: str, context: dict, *, language: str) -> Written:
    """The e-mail `template_prefix` written in `language`, for a caller that sends it itself
    (with `django.core.mail.send_mail(subject, text, None, to, html_message=html)`)."""
    with translation.override(language):
        subject: str = render_to_string(f"{template_prefix}_subject.txt", context)
        text: str = render_to_string(f"{template_prefix}.txt", context)
        try:
            html_template = get_template(f"{template_prefix}.html")
        except TemplateDoesNotExist:
            html = None
        else:
            html = html_template.render(context)
    # A line break in a header is refused by Django: the subject is one line.
    subject = "".join(subject.splitlines()).strip()
    # The template file's last line break is not part of the e-mail.
    return Written(subject, text.removesuffix("\n"), html)


def send_templated(template_prefix: str, context: dict, *, to: list[str], language: str) -> None:
    """Write the e-mail `template_prefix` (see the module's docstring) in `language` and
    send it to `to`, from the site's address."""
    subject, text, html = render_templated(template_prefix, context, language=language)
    send_mail(subject, text, None, to, html_message=html)
