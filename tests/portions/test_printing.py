"""What a session prints or exports: the shopping list, the container labels (PDF), the
accounts and the ledger (CSV), and the group's portion counter.

The worked example, "Ça Chauffe" on Saturday 5 December 2026, one price for every portion:

    Tajine de Rosa (batches of 16)     Amina 6, Sadika 6                       12 taken
    Soupe de carottes (batches of 16)  Amina 4, Ferhat 4, Sadika 8, Melvin 4   20 taken
                                       + 2 left to the group, 1 given away
    Receipts: Amina 38,40 €, Sadika 21,15 € = 59,55 € for 32 portions charged (1,8609… €)

    Amina  10 → 18,609 → 18,61    paid 38,40   +19,79
    Ferhat  4 →  7,444 →  7,45    (the cent left over: same remainder as Melvin, joined first)
    Sadika 14 → 26,053 → 26,05    paid 21,15    −4,90
    Melvin  4 →  7,444 →  7,44
"""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from core.charts import bar_chart_svg
from core.text import slug
from groups.services import add_member
from portions import printing, services
from portions.counter import last_months, portion_counter
from portions.models import CookingSession, Dish, LedgerEntry
from portions.printing import add_months, decimal_comma
from recipes.models import Food, Recipe
from tests.conftest import ON_SATURDAY
from tests.factories import BRUSSELS, add_lines, at, cook, make_session
from tests.reading import pdf_pages, pdf_text, read_csv

NBSP = "\N{NO-BREAK SPACE}"
S = CookingSession.Status


def url(name: str, session: CookingSession) -> str:
    return reverse(f"portions:{name}", args=[session.group.slug, session.pk])


# The shopping list ------------------------------------------------------------------------


def test_the_shopping_list_merges_the_dishes_in_shop_order(client_as, open_session):
    response = client_as("member").get(url("shopping", open_session))

    assert response.status_code == 200
    page = response.content.decode()
    assert f"2,4{NBSP}kg</strong> carottes" in page  # 800 g × 3 batches
    # 9 onions in the soup (3 × 3) and 4 in the tajine, 150 g each: 1,950 g, one line.
    assert f"2{NBSP}kg</strong> oignons" in page
    assert page.count("oignons") == 1
    assert f"2{NBSP}kg</strong> cuisses de poulet" in page
    assert f"1,2{NBSP}kg</strong> lentilles corail" in page
    with translation.override("fr"):
        sections = [
            escape(str(category.label))
            for category in [Food.Category.VEGETABLES, Food.Category.MEAT_FISH, Food.Category.DRY]
        ]
        to_taste = translation.gettext("to taste")
    positions = [page.index(section) for section in sections]
    assert positions == sorted(positions)
    assert f"sel <small>({to_taste})</small>" in page
    # One box to tick per line, inside its label: the whole line is the tap area.
    assert page.count('<label class="check shopping-line">') == page.count('type="checkbox"') == 6
    assert "<script" not in page.split('<main id="main"')[1]


def test_the_shopping_list_gives_the_estimated_total(client_as, open_session):
    response = client_as("member").get(url("shopping", open_session))

    # At the movement's prices: the soup for 48 (1370,55 c, tests/recipes/test_scaled.py)
    # and the tajine for 16: 2 kg chicken at 8,99 € (1798 c) and 600 g onions (89,4 c).
    assert response.context["total_cents"] == 3258  # 1370,55 + 1798 + 89,4 = 3257,95 c
    assert f"32,58{NBSP}€" in response.content.decode()
    assert response.context["unpriced"] == []  # salt, to taste, is not bought by weight


def test_a_session_nobody_ordered_from_has_an_empty_list(client_as, group, referent, soup):
    session = make_session(group, [soup], by=referent, **ON_SATURDAY)
    services.change_status(session, CookingSession.Status.OPEN, by=referent)

    response = client_as("member").get(url("shopping", session))

    assert response.status_code == 200
    assert response.context["sections"] == []
    assert 'type="checkbox"' not in response.content.decode()


def test_the_shopping_list_stays_within_the_query_budget_with_many_dishes(
    client_as, max_queries, group, referent, people, foods
):
    recipes = []
    for number in range(12):
        recipe = Recipe.objects.create(title=f"Plat {number}")
        add_lines(
            recipe,
            *[(food, str(100 + number), "g", True) for food in foods.values()],
            (foods["onion"], "2", "piece", True),
        )
        recipes.append(recipe)
    session = make_session(group, recipes, by=referent, **ON_SATURDAY)
    services.change_status(session, CookingSession.Status.OPEN, by=referent)
    for dish in session.dishes.all():
        for membership in people.values():
            services.place_order(session, membership, {dish.pk: 3}, by=referent, as_referent=True)

    path = url("shopping", session)
    for persona in ["member", "referent", "coordinator"]:
        client = client_as(persona)
        with max_queries():
            response = client.get(path)
        assert response.status_code == 200


def test_a_draft_session_has_no_shopping_list_for_members(client_as, group, referent, soup):
    session = make_session(group, [soup], by=referent, **ON_SATURDAY)

    assert client_as("member").get(url("shopping", session)).status_code == 404
    assert client_as("referent").get(url("shopping", session)).status_code == 200


# Labels -----------------------------------------------------------------------------------


def test_one_label_per_portion_taken_left_or_given(client_as, worked_example_cooked):
    response = client_as("referent").get(url("labels", worked_example_cooked))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    with translation.override("fr"):
        filename = f"{slug(translation.gettext('labels'))}-2026-12-05.pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    text = pdf_text(response.content)
    assert text.count("Tajine de Rosa") == 12
    assert text.count("Soupe de carottes") == 20 + 2 + 1
    assert pdf_pages(response.content) == 2  # 35 labels, 21 a page
    assert text.count("Ça Chauffe") == 35
    assert text.count("5 décembre 2026") == 35  # the day it was cooked
    assert text.count("8 décembre 2026") == 23  # the soup keeps 3 days in the fridge
    assert text.count("5 mars 2027") == 23  # and 3 months in the freezer


def test_the_labels_name_the_allergens(client_as, group, referent, people, foods):
    recipe = add_lines(
        Recipe.objects.create(title="Crêpes", fridge_days=2),
        (foods["flour"], "500", "g", True),
        (foods["milk"], "1", "l", True),
    )
    session = make_session(group, [recipe], by=referent, **ON_SATURDAY)
    cook(session, {people["amina"]: [2]}, by=referent, as_referent=True, until=S.OPEN)

    text = pdf_text(client_as("referent").get(url("labels", session)).content)

    with translation.override("fr"):
        gluten, milk = translation.gettext("gluten"), translation.gettext("milk")
    assert text.count(gluten) == 2
    assert text.count(milk) == 2
    assert text.count("7 décembre 2026") == 2


def test_labels_before_anyone_ordered_say_so(client_as, group, referent, soup):
    session = make_session(group, [soup], by=referent, **ON_SATURDAY)

    response = client_as("referent").get(url("labels", session))

    assert response.status_code == 200
    assert "Soupe de carottes" not in pdf_text(response.content)


def test_the_qr_code_points_to_the_recipe(rf, worked_example_cooked, referent, monkeypatch):
    made = []
    real_make = printing.segno.make

    def make(data, **options):
        made.append(data)
        return real_make(data, **options)

    monkeypatch.setattr(printing.segno, "make", make)
    request = rf.get("/")
    request.user = referent

    printing.labels(request, worked_example_cooked.group.slug, worked_example_cooked.pk)

    assert made == [
        f"http://testserver/recipes/{dish.recipe_id}/"
        for dish in worked_example_cooked.dishes.all()
    ]


def test_freezer_months_land_on_a_real_day():
    assert add_months(date(2026, 12, 5), 3) == date(2027, 3, 5)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2027, 5, 31), 1) == date(2027, 6, 30)
    assert add_months(date(2026, 1, 15), 12) == date(2027, 1, 15)


# The money as CSV -----------------------------------------------------------------------------


def test_the_session_csv_has_the_settling_figures(client_as, worked_example_cooked, people):
    rows = read_csv(client_as("referent").get(url("session_csv", worked_example_cooked)))

    assert len(rows[0]) == 5
    assert rows[1:] == [
        ["Amina Benali", "10", "18,61", "38,40", "19,79"],
        ["Ferhat Yilmaz", "4", "7,45", "0,00", "-7,45"],
        ["Sadika Rahmani", "14", "26,05", "21,15", "-4,90"],
        ["'=Melvin+1", "4", "7,44", "0,00", "-7,44"],  # not a formula for the spreadsheet
    ]
    preview = services.preview(worked_example_cooked)
    for row, membership_id in zip(rows[1:], preview.portions, strict=True):
        assert row[1] == str(preview.portions[membership_id])
        assert row[2] == decimal_comma(preview.charges[membership_id])
        assert row[3] == decimal_comma(preview.paid.get(membership_id, 0))
        assert row[4] == decimal_comma(preview.balances[membership_id])


def test_the_session_csv_is_the_same_once_settled(client_as, worked_example_cooked, referent):
    before = client_as("referent").get(url("session_csv", worked_example_cooked)).content
    services.settle(worked_example_cooked, by=referent)

    assert client_as("referent").get(url("session_csv", worked_example_cooked)).content == before


def test_before_the_receipts_the_charges_are_empty(client_as, open_session):
    rows = read_csv(client_as("referent").get(url("session_csv", open_session)))

    assert rows[1:] == [
        ["Amina Benali", "36", "", "0,00", ""],
        ["Sadika Rahmani", "14", "", "0,00", ""],
    ]


def test_the_session_csv_is_named_after_the_day(client_as, worked_example_cooked):
    response = client_as("referent").get(url("session_csv", worked_example_cooked))

    with translation.override("fr"):
        filename = f"{slug(translation.gettext('accounts'))}-2026-12-05.csv"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'


def test_the_ledger_csv_lists_every_entry(client_as, worked_example_cooked, referent, group):
    services.settle(worked_example_cooked, by=referent)
    services.reopen(worked_example_cooked, by=referent)

    response = client_as("referent").get(reverse("portions:ledger_csv", args=[group.slug]))

    rows = read_csv(response)
    entries = list(LedgerEntry.objects.filter(group=group).order_by("created_at", "pk"))
    assert len(rows) == 1 + len(entries) == 1 + 12
    with translation.override("fr"):
        kinds = {kind: str(label) for kind, label in LedgerEntry.Kind.choices}
    today = entries[0].created_at.astimezone(BRUSSELS).date().isoformat()
    assert rows[1] == [today, "Amina Benali", kinds["receipt"], "2026-12-05", "38,40"]
    assert rows[3] == [today, "Amina Benali", kinds["charge"], "2026-12-05", "-18,61"]
    assert rows[7] == [*rows[1][:2], kinds["reversal"], "2026-12-05", "-38,40"]
    assert sum(int(row[4].replace(",", "")) for row in rows[1:]) == 0
    assert response["Content-Disposition"].startswith('attachment; filename="ca-chauffe-')


def test_french_decimal_comma():
    assert decimal_comma(745) == "7,45"
    assert decimal_comma(-5) == "-0,05"
    assert decimal_comma(0) == "0,00"
    assert decimal_comma(123456) == "1234,56"
    assert decimal_comma(None) == ""


# Who may see what -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("shopping", {"visitor": 302, "member": 200, "referent": 200, "outsider": 404}),
        ("labels", {"visitor": 302, "member": 403, "referent": 200, "outsider": 404}),
        ("session_csv", {"visitor": 302, "member": 403, "referent": 200, "outsider": 404}),
    ],
)
def test_session_pages_are_for_the_group_and_money_for_its_referents(
    client_as, worked_example_cooked, other_group, name, expected
):
    for persona, status in {
        **expected,
        "outsider_referent": 404,
        "facilitator": 404,  # follows the other group
        "coordinator": 200,
    }.items():
        response = client_as(persona).get(url(name, worked_example_cooked))
        assert response.status_code == status, (name, persona)


def test_the_ledger_is_for_the_referents(client_as, worked_example_cooked, other_group):
    path = reverse("portions:ledger_csv", args=[worked_example_cooked.group.slug])

    statuses = {
        persona: client_as(persona).get(path).status_code
        for persona in ["visitor", "member", "referent", "outsider", "outsider_referent"]
    }

    assert statuses == {
        "visitor": 302,
        "member": 403,
        "referent": 200,
        "outsider": 404,
        "outsider_referent": 404,
    }


@pytest.mark.parametrize("name", ["labels", "session_csv"])
def test_the_referent_pages_stay_within_the_query_budget(
    client_as, max_queries, worked_example_cooked, name
):
    # The accounts need the settling preview: its receipts, balances and names cost more
    # than the budget of a page (see the report); the labels fit.
    budget = {"labels": 8, "session_csv": 10}[name]
    client, path = client_as("referent"), url(name, worked_example_cooked)
    with max_queries(budget):
        assert client.get(path).status_code == 200


def test_the_ledger_stays_within_the_query_budget(
    client_as, max_queries, worked_example_cooked, referent
):
    services.settle(worked_example_cooked, by=referent)

    client = client_as("referent")
    with max_queries():
        response = client.get(reverse("portions:ledger_csv", args=["ca-chauffe"]))

    assert len(read_csv(response)) == 7


# The portion counter ----------------------------------------------------------------------------


def counted(group, referent, membership, recipe, starts_at, portions, *, status, left=0, given=0):
    """A session of one dish taken as far as `status` (closed, cooked or settled), for
    the counter: `portions` ordered, `left` to the group and `given` away once cooked."""
    session = make_session(
        group, [recipe], by=referent, starts_at=starts_at, deadline=starts_at - timedelta(days=2)
    )
    until = S.CLOSED if status == S.CLOSED else S.COOKED
    cook(session, {membership: [portions]}, by=referent, as_referent=True, until=until)
    if status != S.CLOSED:
        Dish.objects.filter(session=session).update(left_for_group=left, given_away=given)
    if status == S.SETTLED:
        services.add_receipt(session, payer=membership, amount_cents=1000, by=referent)
        services.settle(session, by=referent)
    return session


def test_the_counter_adds_up_cooked_portions_by_month_and_year(
    group, other_group, referent, outsider_referent, people, soup, django_assert_num_queries
):
    amina = people["amina"]
    S = CookingSession.Status
    counted(group, referent, amina, soup, at(2026, 12, 5), 10, status=S.SETTLED, left=2, given=1)
    counted(group, referent, amina, soup, at(2026, 12, 12), 4, status=S.COOKED)
    counted(group, referent, amina, soup, at(2026, 3, 14), 6, status=S.COOKED)
    counted(group, referent, amina, soup, at(2025, 11, 20), 8, status=S.COOKED)  # > 12 months
    counted(group, referent, amina, soup, at(2024, 6, 1), 5, status=S.SETTLED)
    counted(group, referent, amina, soup, at(2026, 12, 19), 50, status=S.CLOSED)  # not cooked
    # Half past midnight on New Year's Day in Brussels, still 31 December in UTC.
    counted(
        group, referent, amina, soup, at(2026, 1, 1).replace(hour=0, minute=30), 7, status=S.COOKED
    )
    theirs = add_member(other_group, outsider_referent)
    counted(other_group, outsider_referent, theirs, soup, at(2026, 6, 1), 20, status=S.COOKED)

    with django_assert_num_queries(2):
        counter = portion_counter(group, today=date(2026, 12, 20))

    months = dict(counter["months"])
    assert list(months) == last_months(date(2026, 12, 20))
    assert months[date(2026, 12, 1)] == 10 + 2 + 1 + 4
    assert months[date(2026, 3, 1)] == 6
    assert months[date(2026, 1, 1)] == 7
    assert sum(months.values()) == counter["last_12_months"] == 17 + 6 + 7
    assert counter["years"] == [(2024, 5), (2025, 8), (2026, 30)]
    assert counter["this_year"] == 30
    assert counter["total"] == 43
    assert counter["movement_this_year"] == 30 + 20


def test_a_group_that_never_cooked_counts_zero(group):
    counter = portion_counter(group, today=date(2026, 12, 20))

    assert counter["last_12_months"] == counter["this_year"] == counter["total"] == 0
    assert counter["years"] == [(2026, 0)]
    assert len(counter["months"]) == 12


def test_last_months_cross_the_new_year():
    assert last_months(date(2026, 2, 10), 3) == [
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
    ]


def test_the_bar_chart_is_an_image_with_its_figures_in_words():
    with translation.override("en"):
        svg = bar_chart_svg([3, 0, 12], ["oct.", "nov.", "<déc>"], title="Portions")

    figures = "Portions: oct.: 3, nov.: 0, &lt;déc&gt;: 12"
    assert svg.startswith("<svg ")
    assert 'role="img"' in svg
    assert f'aria-label="{figures}"' in svg
    assert f"<title>{figures}</title>" in svg
    assert svg.count("<rect ") == 3
    heights = [float(h) for h in re.findall(r'<rect [^>]*height="([\d.]+)"', svg)]
    assert heights[1] == 0
    assert heights[2] > heights[0] > 0
    assert "style" not in svg
    assert "<script" not in svg


def test_the_bar_chart_reads_the_long_labels_aloud():
    with translation.override("en"):
        svg = bar_chart_svg([5], ["Dec."], title="Portions", spoken=["December 2026"])

    assert 'aria-label="Portions: December 2026: 5"' in svg
    assert ">Dec.</text>" in svg


def test_the_bar_chart_wants_one_label_per_value():
    with pytest.raises(ValueError, match="one label per value"):
        bar_chart_svg([1, 2], ["a"])
    with pytest.raises(ValueError, match="one label per value"):
        bar_chart_svg([1], ["a"], spoken=[])
    assert "aria-label=" in bar_chart_svg([], [])
