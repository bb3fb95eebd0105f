"""Money as people type it ("38,40 €") and read it ("7,45 €", "€ 7,45", "€7.45")."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from core.forms import EuroField, parse_euros
from core.templatetags.shell import euros

NBSP = "\N{NO-BREAK SPACE}"


@pytest.mark.parametrize(
    ("typed", "cents"),
    [
        ("38,40", 3840),
        ("38.40", 3840),
        ("38,40 €", 3840),
        ("38,40€", 3840),
        ("€38.4", 3840),
        ("€ 1.234,50", 123450),
        ("1.234,50", 123450),
        ("1 234,50", 123450),
        (f"1{NBSP}234,50", 123450),
        ("1\u202f234,50", 123450),  # the narrow space French numbers are printed with
        ("1.234", 123400),  # a dot then three digits groups thousands
        ("12,5", 1250),
        ("12", 1200),
        ("0,05", 5),
        ("  7,45 EUR ", 745),
        ("-2", -200),  # a sign is read; the form field refuses it
        ("−2,50", -250),
    ],
)
def test_amounts_typed_as_people_type_them_are_read_in_cents(typed, cents):
    assert parse_euros(typed) == cents


@pytest.mark.parametrize(
    "typed",
    ["abc", "", "€", "12,345", "12,3,4", "1.23.45", "12 34", "1,2,3", "12.", ",50", "12,50 $"],
)
def test_what_is_not_an_amount_reads_as_none(typed):
    assert parse_euros(typed) is None


def clean(value, **kwargs):
    return EuroField(**kwargs).clean(value)


@pytest.mark.parametrize(("typed", "cents"), [("38,40", 3840), ("1,89", 189), ("1000", 100_000)])
def test_the_field_gives_whole_cents(typed, cents):
    assert clean(typed) == cents


def refusal_code(value, **kwargs) -> str:
    with pytest.raises(ValidationError) as caught:
        clean(value, **kwargs)
    return caught.value.code


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("0", "not_positive"),
        ("0,00", "not_positive"),
        ("-2", "not_positive"),
        ("−0,01", "not_positive"),
        ("1000,01", "too_much"),  # 1 000 € is the default limit
        ("1.000.000", "too_much"),
        ("abc", "invalid"),
        ("12,345", "invalid"),
        ("", "required"),
    ],
)
def test_the_field_refuses_nothing_less_and_too_much(typed, code):
    assert refusal_code(typed) == code


def test_the_limit_can_be_set_and_is_said_in_euros():
    assert clean("50", max_cents=5000) == 5000
    with pytest.raises(ValidationError) as caught, translation.override("en"):
        clean("50,01", max_cents=5000)

    assert caught.value.code == "too_much"
    assert "50 €" in caught.value.messages[0]


def test_an_optional_field_left_empty_is_none():
    assert EuroField(required=False).clean("") is None
    assert EuroField(required=False).clean("   ") is None


def test_the_field_shows_cents_back_as_euros_and_asks_for_a_decimal_keyboard():
    class PriceForm(forms.Form):
        price = EuroField()

    field = PriceForm(initial={"price": 3840})["price"]

    assert 'value="38,40"' in str(field)
    assert 'inputmode="decimal"' in str(field)
    assert EuroField().prepare_value(5) == "0,05"
    assert EuroField().prepare_value("12,5") == "12,5"  # what was typed, shown again


# Showing amounts ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", f"7,45{NBSP}€"), ("nl", f"€{NBSP}7,45"), ("en", "€7.45")],
)
def test_an_amount_reads_as_each_language_writes_it(language, expected):
    with translation.override(language):
        assert euros(745) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", f"1{NBSP}234,50{NBSP}€"),
        ("nl", f"€{NBSP}1.234,50"),
        ("en", "€1,234.50"),
    ],
)
def test_thousands_are_grouped(language, expected):
    with translation.override(language):
        assert euros(123450) == expected


def test_no_amount_shows_nothing_and_a_negative_one_its_sign():
    with translation.override("fr"):
        assert euros(None) == ""
        assert euros("") == ""
        assert euros(0) == f"0,00{NBSP}€"
        assert euros(-5) == f"−0,05{NBSP}€"
        assert euros("745") == f"7,45{NBSP}€"


def test_the_filter_is_there_in_every_template_without_loading_it():
    with translation.override("en"):
        assert Template("{{ cents|euros }}").render(Context({"cents": 189})) == "€1.89"


@given(st.integers(1, 10_000_000))
def test_an_amount_written_with_a_comma_reads_back_to_the_same_cents(cents):
    assert parse_euros(f"{cents // 100},{cents % 100:02d}") == cents
    assert parse_euros(f"{cents // 100}.{cents % 100:02d} €") == cents


@given(st.integers(1, 10_000_000))
def test_an_amount_shown_in_french_or_dutch_reads_back_to_the_same_cents(cents):
    for language in ("fr", "nl"):
        with translation.override(language):
            assert parse_euros(euros(cents)) == cents
