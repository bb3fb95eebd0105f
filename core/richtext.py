"""Short texts written in Markdown by coordinators (reports), shown as safe HTML.

Markdown turns the text into HTML; nh3 (the Rust sanitiser ammonia) then keeps only a
small set of tags, so a report can never carry a script, a style, an image from
elsewhere or an event handler, whatever was typed. Links open the usual way and are
marked `nofollow`.
"""

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "h2", "h3", "blockquote", "hr"}
ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def render_markdown(text: str) -> SafeString:
    """The text as sanitised HTML. Headings are moved down a level (a report's title is
    the page's only h1)."""
    html = markdown.markdown(text or "", extensions=["sane_lists"], output_format="html")
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    clean = nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above
