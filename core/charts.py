"""Small charts drawn on the server as inline SVG: no script, no stylesheet, no picture
to download, and read aloud by screen readers as one image with every figure."""

from collections.abc import Iterable
from typing import SupportsInt

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

# Bar chart ----------------------------------------------------------------------------------

BAR, GAP, HEIGHT, TOP, BOTTOM = 26, 6, 140, 18, 22  # in SVG units, scaled to the width
GREEN, INK = "#1f5c3d", "#1d1d1b"


def bar_chart_svg(
    values: Iterable[SupportsInt],
    labels: Iterable[object],
    *,
    title: str = "",
    spoken: Iterable[object] | None = None,
) -> SafeString:
    """A small bar chart as inline SVG: one bar per value, its number above and its label
    below ("juil."). Screen readers read it as one image (role="img") named by `title`
    and every figure, with the `spoken` labels if given ("juillet 2026"). Drawn with
    attributes only: no stylesheet is needed (nor allowed: the site's
    Content-Security-Policy forbids inline styles), and no script."""
    numbers = [int(value) for value in values]
    shown = [str(label) for label in labels]
    said = shown if spoken is None else [str(label) for label in spoken]
    if not len(numbers) == len(shown) == len(said):
        raise ValueError("one label per value")
    summary = _("%(title)s: %(figures)s") % {
        "title": title or _("Bar chart"),
        "figures": ", ".join(
            _("%(label)s: %(value)s") % {"label": label, "value": value}
            for label, value in zip(said, numbers, strict=True)
        ),
    }
    highest = max(numbers, default=0) or 1
    room = HEIGHT - TOP - BOTTOM
    width = len(numbers) * (BAR + GAP) + GAP
    baseline = HEIGHT - BOTTOM
    bars = []
    for i, (value, label) in enumerate(zip(numbers, shown, strict=True)):
        x = GAP + i * (BAR + GAP)
        middle = x + BAR / 2
        height = round(room * value / highest, 1)
        top = baseline - height
        bar = (x, top, BAR, height, GREEN)
        number_above = (middle, top - 4, INK, value)
        label_below = (middle, HEIGHT - 6, INK, label)
        bars.append((*bar, *number_above, *label_below))
    body = format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>'
        '<text x="{}" y="{}" fill="{}" font-size="12" text-anchor="middle">{}</text>'
        '<text x="{}" y="{}" fill="{}" font-size="11" text-anchor="middle">{}</text>',
        bars,
    )
    return format_html(
        '<svg class="bar-chart" viewBox="0 0 {} {}" width="100%" role="img" aria-label="{}" '
        'xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif">'
        "<title>{}</title>"
        '<line x1="0" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1"></line>{}</svg>',
        width,
        HEIGHT,
        summary,
        summary,
        baseline,
        width,
        baseline,
        INK,
        body,
    )


# Trend ---------------------------------------------------------------------------------------

TREND_BAR, TREND_GAP, TREND_HEIGHT = 10, 3, 28
PALE = "#8fb39e"


def trend_svg(values: list[int], *, spoken: str, recent: int = 0) -> SafeString:
    """A row of small bars (the last `recent` darker), inline SVG with attributes only
    (the Content-Security-Policy forbids inline styles), read aloud as one image whose
    words are `spoken`."""
    BAR, GAP, HEIGHT = TREND_BAR, TREND_GAP, TREND_HEIGHT
    highest = max(values, default=0) or 1
    width = len(values) * (BAR + GAP) - GAP
    bars = []
    for i, value in enumerate(values):
        height = max(round((HEIGHT - 2) * value / highest, 1), 1 if value else 0)
        colour = GREEN if recent and i >= len(values) - recent else PALE
        bars.append((i * (BAR + GAP), HEIGHT - height, BAR, height, colour))
    return format_html(
        '<svg class="trend" viewBox="0 0 {} {}" width="{}" height="{}" role="img" '
        'aria-label="{}" xmlns="http://www.w3.org/2000/svg"><title>{}</title>'
        '<line x1="0" y1="{}" x2="{}" y2="{}" stroke="#555049" stroke-width="1"></line>{}</svg>',
        width,
        HEIGHT + 1,
        width * 2,
        (HEIGHT + 1) * 2,
        spoken,
        spoken,
        HEIGHT + 0.5,
        width,
        HEIGHT + 0.5,
        format_html_join("", '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>', bars),
    )
