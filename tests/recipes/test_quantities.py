from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recipes.quantities import (
    UNITS,
    ConversionError,
    Dimension,
    batch_cost,
    cost_per_portion,
    fit,
    price_of,
    scale,
    to_base,
    to_cents,
)


def shown(amount, dimension, **kwargs) -> str:
    result = fit(Fraction(amount), dimension, **kwargs)
    return f"{result.amount} {result.unit}"


@pytest.mark.parametrize(
    ("amount", "dimension", "expected"),
    [
        (2400, Dimension.MASS, "2.4 kg"),
        (250, Dimension.MASS, "250 g"),
        (Fraction(2456, 10), Dimension.MASS, "245 g"),
        (7, Dimension.MASS, "7 g"),
        (Fraction(1, 5), Dimension.MASS, "1 g"),
        (998, Dimension.MASS, "1 kg"),
        (1500, Dimension.VOLUME, "1.5 l"),
        (330, Dimension.VOLUME, "330 ml"),
        (Fraction(1, 3), Dimension.COUNT, "0.5 piece"),
        (Fraction(8, 3), Dimension.COUNT, "3 piece"),
        (Fraction(22, 3), Dimension.COUNT, "8 piece"),
        (0, Dimension.MASS, "0 g"),
    ],
)
def test_quantities_show_in_a_unit_and_precision_that_fit(amount, dimension, expected):
    assert shown(amount, dimension) == expected


def test_a_recipe_for_16_shows_2_4_kg_of_carrots_for_48():
    carrots = scale(to_base(800, "g"), 16, 48)

    assert shown(carrots, Dimension.MASS) == "2.4 kg"


def test_a_quarter_kilo_shows_as_250_g():
    assert shown(to_base(Fraction(1, 4), "kg"), Dimension.MASS) == "250 g"


def test_spoons_stay_spoons_to_the_half_while_they_are_a_few():
    cumin = scale(to_base(2, "tsp"), 16, 40)  # 5 teaspoons

    assert shown(cumin, Dimension.VOLUME, spoon="tsp") == "5 tsp"
    assert shown(to_base(Fraction(7, 3), "tbsp"), Dimension.VOLUME, spoon="tbsp") == "2.5 tbsp"
    many = scale(to_base(3, "tbsp"), 16, 96)  # 18 tablespoons = 270 ml
    assert shown(many, Dimension.VOLUME, spoon="tbsp") == "270 ml"


def test_foods_convert_between_pieces_litres_and_grams_when_they_say_how():
    assert to_base(2, "piece", into=Dimension.MASS, grams_per_piece=150) == 300
    assert to_base(1, "l", into=Dimension.MASS, grams_per_litre=1030) == 1030
    assert to_base(450, "g", into=Dimension.COUNT, grams_per_piece=150) == 3
    with pytest.raises(ConversionError):
        to_base(1, "l", into=Dimension.MASS)
    with pytest.raises(ConversionError):
        to_base(1, "piece", into=Dimension.VOLUME, grams_per_piece=150)


def test_zero_or_negative_portions_and_negative_quantities_are_refused():
    with pytest.raises(ValueError):
        scale(100, 0, 16)
    with pytest.raises(ValueError):
        scale(100, 16, -1)
    with pytest.raises(ValueError):
        fit(Fraction(-1), Dimension.MASS)
    with pytest.raises(ValueError):
        price_of(Fraction(100), 0, Fraction(1000))


def test_costs_are_exact_until_rounded_once_to_cents():
    carrots = price_of(to_base(800, "g"), 189, to_base(1, "kg"))  # 1.89 € per kg
    onions = price_of(to_base(3, "piece"), 25, to_base(1, "piece"))
    batch = batch_cost([carrots, onions])

    assert batch == Fraction(15120, 100) + 75
    assert to_cents(batch) == 226  # 151.2 + 75 = 226.2 cents
    assert cost_per_portion(batch, 16) == 14  # 226.2 / 16 = 14.1375


def test_rounding_to_cents_takes_halves_up():
    assert to_cents(Fraction(5, 2)) == 3
    assert to_cents(Fraction(249, 100)) == 2


amounts = st.fractions(min_value=0, max_value=200_000, max_denominator=1000)
dimensions = st.sampled_from([Dimension.MASS, Dimension.VOLUME])


@given(amount=amounts, dimension=dimensions)
def test_fitting_never_moves_a_quantity_by_more_than_half_its_precision(amount, dimension):
    result = fit(amount, dimension)
    step = Fraction(result.step) * UNITS[result.unit].in_base

    if amount >= step:
        assert abs(result.in_base() - amount) <= step / 2
    else:  # something needed is never shown as 0
        assert result.in_base() == (step if amount else 0)


@given(amount=st.fractions(min_value=0, max_value=500, max_denominator=48))
def test_pieces_are_rounded_up_never_down(amount):
    result = fit(amount, Dimension.COUNT)
    step = Fraction(result.step)

    assert 0 <= result.in_base() - amount < step
    assert step == (1 if amount > Fraction(5, 2) else Fraction(1, 2))


@given(
    quantities=st.lists(st.integers(1, 5000), min_size=1, max_size=12),
    prices=st.lists(st.integers(1, 3000), min_size=12, max_size=12),
    portions=st.integers(1, 400),
)
def test_the_cost_of_a_portion_does_not_depend_on_how_many_are_cooked(quantities, prices, portions):
    def per_portion(cooked: int) -> int:
        lines = [
            price_of(scale(quantity, 16, cooked), price, Fraction(1000))
            for quantity, price in zip(quantities, prices, strict=False)
        ]
        return cost_per_portion(batch_cost(lines), cooked)

    assert abs(per_portion(portions) - per_portion(16)) <= 1


@given(amount=amounts, portions=st.integers(1, 200))
def test_scaling_there_and_back_is_exact(amount, portions):
    assert scale(scale(amount, 16, portions), portions, 16) == amount


def test_shown_amounts_are_plain_decimals_for_the_templates():
    result = fit(Fraction(2400), Dimension.MASS)

    assert result.amount == Decimal("2.4") and result.step == Decimal("0.1")


def test_the_module_stands_without_django():
    import ast
    import inspect

    import recipes.quantities

    tree = ast.parse(inspect.getsource(recipes.quantities))
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    } | {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert imported <= {"collections", "dataclasses", "decimal", "enum", "fractions", "math"}
