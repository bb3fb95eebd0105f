"""Every page needs a login unless its view says otherwise (Django's LoginRequiredMiddleware
with @login_not_required): the list of our public pages is written here, so a page made
public by mistake, or a new page, shows up as a failing test."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

# Our views anyone may open, without an account (allauth's and the admin's login pages
# mark their own).
PUBLIC = {
    "cdq.views.home",
    "cdq.views.set_language",
    "cdq.views.healthz",
    "events.feeds.event_ics",
    "events.feeds.feed",
    "events.reports.index",
    "events.reports.detail",
    "events.reports.media",
    "events.views.index",
    "events.views.detail",
    "events.views.registration",
    "figures.views.public_figures",
    "groups.views.directory",
    "groups.views.join",
}
OURS = ("cdq.", "core.", "accounts.", "groups.", "recipes.", "portions.", "events.",
        "facilitation.", "figures.", "demo.")  # fmt: skip


def views(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from views(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            yield pattern.callback


def name_of(view) -> str:
    return f"{view.__module__}.{view.__name__}"


def test_only_the_listed_pages_of_ours_are_open_without_a_login():
    ours = {view for view in views(get_resolver().url_patterns) if name_of(view).startswith(OURS)}
    public = {name_of(view) for view in ours if not getattr(view, "login_required", True)}

    assert public == PUBLIC


@pytest.mark.django_db
def test_a_page_of_ours_not_listed_sends_a_visitor_to_the_login_page(client):
    response = client.get("/cooking/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/code/")
