"""The movement's figures (figures/queries.py): the coordinators' page, every figure month by
month with its chart and a CSV of the same table; and a public page with a few totals."""

from django import forms
from django.contrib.auth.decorators import login_not_required, login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from accounts.http import AuthenticatedHttpRequest
from core.exports import csv_response
from core.forms import PlainForm
from core.http import HtmxHttpRequest
from figures import access
from figures.queries import movement_figures, years_with_data

# What the public page shows: totals only, no chart but the portions'.
PUBLIC_PARTS = ("groups", "kitchens", "cooking")
PUBLIC_FIGURES = ["active", "launching", "neighbourhoods", "kitchens_shared", "portions"]


class YearForm(PlainForm):
    year = forms.TypedChoiceField(label=gettext_lazy("Year"), coerce=int)

    def __init__(self, data, *, years: list[int]):
        super().__init__(data, initial={"year": years[0]})
        self.fields["year"].choices = [(year, str(year)) for year in years]


def _chosen_year(request: HtmxHttpRequest) -> tuple[YearForm, int]:
    """The year asked for in the address (a plain GET form), else this year."""
    years = years_with_data()
    form = YearForm(request.GET if "year" in request.GET else None, years=years)
    year = form.cleaned_data["year"] if form.is_valid() else years[0]
    return form, year


@login_required
@require_GET
def figures(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every figure of a year, month by month, for the annual report."""
    if not access.may_read_figures(request.user):
        raise PermissionDenied
    form, year = _chosen_year(request)
    found = movement_figures(year)
    return render(
        request,
        "figures/figures.html",
        {
            "form": form,
            "year": year,
            "this_year": year == timezone.localdate().year,
            "charts": found.charts(),
        },
    )


@login_required
@require_GET
def figures_csv(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    """The page's table for a spreadsheet (core/exports.py): a line per figure, the year
    then each month."""
    if not access.may_read_figures(request.user):
        raise PermissionDenied
    if not 2000 <= year <= timezone.localdate().year:
        raise Http404
    found = movement_figures(year)
    name = slugify(_("figures"))  # "chiffres", "cijfers"
    header = [_("Figure"), str(year), *(date_format(month, "Y-m") for month in found.months)]
    rows = ([figure.label, figure.total, *figure.by_month] for figure in found.figures)
    return csv_response(f"{name}-{year}.csv", header, rows)


@login_not_required
@require_GET
def public_figures(request: HtmxHttpRequest) -> HttpResponse:
    """A few totals of a year for everyone: groups, neighbourhoods, kitchens, portions."""
    form, year = _chosen_year(request)
    found = movement_figures(year, parts=PUBLIC_PARTS)
    portions = found["portions"]
    return render(
        request,
        "figures/public.html",
        {
            "form": form,
            "year": year,
            "this_year": year == timezone.localdate().year,
            "figures": [found[key] for key in PUBLIC_FIGURES],
            "portions_chart": found.chart(portions),
        },
    )
