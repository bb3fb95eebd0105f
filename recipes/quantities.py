"""Scaling, unit fitting and costing of recipe quantities. Pure Python, no Django.

The recipe page, the PDF sheet and the shopping list all call these functions, so they
always show the same numbers. Quantities stay exact fractions until they are shown, and
money stays exact until it is rounded once, to whole cents, at the very end.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction
from math import ceil


class Dimension(StrEnum):
    MASS = "mass"  # base unit: gram
    VOLUME = "volume"  # base unit: millilitre
    COUNT = "count"  # base unit: piece
    BUNCH = "bunch"  # a bunch of herbs: counted, but not as pieces
    PINCH = "pinch"  # a pinch of salt: too small to weigh


@dataclass(frozen=True)
class Unit:
    code: str
    dimension: Dimension
    in_base: Fraction  # how many base units one of this unit is


UNITS = {
    unit.code: unit
    for unit in [
        Unit("g", Dimension.MASS, Fraction(1)),
        Unit("kg", Dimension.MASS, Fraction(1000)),
        Unit("ml", Dimension.VOLUME, Fraction(1)),
        Unit("cl", Dimension.VOLUME, Fraction(10)),
        Unit("dl", Dimension.VOLUME, Fraction(100)),
        Unit("l", Dimension.VOLUME, Fraction(1000)),
        Unit("tsp", Dimension.VOLUME, Fraction(5)),
        Unit("tbsp", Dimension.VOLUME, Fraction(15)),
        Unit("piece", Dimension.COUNT, Fraction(1)),
        Unit("bunch", Dimension.BUNCH, Fraction(1)),
        Unit("pinch", Dimension.PINCH, Fraction(1)),
    ]
}
SPOONS = {"tsp", "tbsp"}


class ConversionError(ValueError):
    """Two units that cannot be converted into each other for this food."""


def to_base(
    amount: Fraction | int,
    unit: str,
    *,
    into: Dimension | None = None,
    grams_per_piece: Fraction | None = None,
    grams_per_litre: Fraction | None = None,
) -> Fraction:
    """`amount` of `unit` in base units (g, ml, piece) of its own dimension, or of `into`
    when the food says how: 1 onion ≈ 150 g (grams_per_piece), 1 l of milk ≈ 1,030 g
    (grams_per_litre)."""
    source = UNITS[unit]
    base = Fraction(amount) * source.in_base
    target = into or source.dimension
    pair = {source.dimension, target}
    if target == source.dimension:
        return base
    if pair == {Dimension.COUNT, Dimension.MASS} and grams_per_piece:
        factor = Fraction(grams_per_piece)
    elif pair == {Dimension.VOLUME, Dimension.MASS} and grams_per_litre:
        factor = Fraction(grams_per_litre) / 1000
    else:
        raise ConversionError(f"{unit} cannot be converted into {target}")
    return base * factor if target == Dimension.MASS else base / factor


def scale(amount: Fraction | int, from_portions: int, to_portions: int) -> Fraction:
    """The exact amount for `to_portions` of a line written for `from_portions`."""
    if from_portions <= 0 or to_portions <= 0:
        raise ValueError("portions must be positive")
    return Fraction(amount) * to_portions / from_portions


@dataclass(frozen=True)
class Shown:
    """A quantity as the cook reads it: `amount` `unit`, rounded to a `step` of that unit."""

    amount: Decimal
    unit: str
    step: Decimal

    def in_base(self) -> Fraction:
        return Fraction(self.amount) * UNITS[self.unit].in_base


@dataclass(frozen=True)
class Tier:
    from_base: Fraction  # used from this many base units on
    step_base: Fraction  # rounded to multiples of this, in base units
    unit: str
    round_up: bool = False


# Kitchen-sensible precision: grams to the gram for spices, to 5 g for a bag of
# vegetables, kilograms to 100 g; likewise for liquids; pieces up to halves in a small
# batch and up to whole ones in a large one (nobody buys 0.333 eggs).
TIERS = {
    Dimension.MASS: [
        Tier(Fraction(0), Fraction(1), "g"),
        Tier(Fraction(100), Fraction(5), "g"),
        Tier(Fraction(1000), Fraction(100), "kg"),
        Tier(Fraction(20000), Fraction(500), "kg"),
    ],
    Dimension.VOLUME: [
        Tier(Fraction(0), Fraction(1), "ml"),
        Tier(Fraction(100), Fraction(5), "ml"),
        Tier(Fraction(1000), Fraction(100), "l"),
        Tier(Fraction(20000), Fraction(500), "l"),
    ],
    Dimension.COUNT: [
        Tier(Fraction(0), Fraction(1, 2), "piece", round_up=True),
        Tier(Fraction(3), Fraction(1), "piece", round_up=True),
    ],
    Dimension.BUNCH: [
        Tier(Fraction(0), Fraction(1, 2), "bunch", round_up=True),
        Tier(Fraction(3), Fraction(1), "bunch", round_up=True),
    ],
    Dimension.PINCH: [Tier(Fraction(0), Fraction(1), "pinch", round_up=True)],
}
MOST_SPOONS = 10  # beyond, a spoon measure becomes millilitres


def _tier(amount: Fraction, tiers: list[Tier]) -> Tier:
    return [tier for tier in tiers if amount >= tier.from_base][-1]


def _round(amount: Fraction, step: Fraction, up: bool) -> Fraction:
    steps = amount / step
    whole = ceil(steps) if up else int(_decimal(steps).quantize(Decimal(1), ROUND_HALF_UP))
    return whole * step


def _decimal(value: Fraction) -> Decimal:
    return Decimal(value.numerator) / Decimal(value.denominator)


def _plain(value: Decimal) -> Decimal:
    """2.40 → 2.4 and 250.0 → 250 (not 2.5E+2)."""
    return value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()


def _shown(amount_base: Fraction, step_base: Fraction, unit: str) -> Shown:
    per_unit = UNITS[unit].in_base
    return Shown(
        amount=_plain(_decimal(amount_base / per_unit)),
        unit=unit,
        step=_plain(_decimal(step_base / per_unit)),
    )


def fit(amount_base: Fraction | int, dimension: Dimension, *, spoon: str | None = None) -> Shown:
    """The unit and precision that fit a quantity given in base units: 2,400 g shows as
    2.4 kg, 1,500 ml as 1.5 l, 250 g as 250 g. A line written in spoons stays in spoons
    (to the half spoon) while it is a few spoons. Something needed never shows as 0."""
    amount = Fraction(amount_base)
    if amount < 0:
        raise ValueError("a quantity cannot be negative")
    if spoon in SPOONS and amount <= MOST_SPOONS * UNITS[spoon].in_base:
        step = UNITS[spoon].in_base / 2
        return _shown(max(_round(amount, step, up=False), step if amount else 0), step, spoon)
    tiers = TIERS[dimension]
    tier = _tier(amount, tiers)
    rounded = _round(amount, tier.step_base, tier.round_up)
    if _tier(rounded, tiers) is not tier:  # 998 g rounds to 1,000 g: show 1 kg
        tier = _tier(rounded, tiers)
        rounded = _round(amount, tier.step_base, tier.round_up)
    if amount and not rounded:
        rounded = tier.step_base
    return _shown(rounded, tier.step_base, tier.unit)


def dimension_of(unit: str) -> Dimension:
    return UNITS[unit].dimension


def converts(
    unit: str,
    into: Dimension,
    *,
    grams_per_piece: Fraction | None = None,
    grams_per_litre: Fraction | None = None,
) -> bool:
    """Whether a quantity in `unit` can be expressed in `into` for this food."""
    try:
        to_base(
            1, unit, into=into, grams_per_piece=grams_per_piece, grams_per_litre=grams_per_litre
        )
    except ConversionError:
        return False
    return True


def fit_line(
    amount: Fraction | int, unit: str, *, written_for: int, portions: int, scales: bool = True
) -> Shown:
    """An ingredient line as the cook reads it for `portions`: scaled (unless the line does
    not scale, like "salt to taste"), then shown in a unit that fits. Lines written in
    spoons stay in spoons while they are a few."""
    exact = scale(amount, written_for, portions) if scales else Fraction(amount)
    spoon = unit if unit in SPOONS else None
    return fit(to_base(exact, unit), dimension_of(unit), spoon=spoon)


def scale_count(count: int, written_for: int, portions: int) -> int:
    """Whole things (pots, trays) for `portions`, never fewer than needed: 1 pot of 20 l for
    16 portions is 3 pots for 48 and still 1 pot for 8."""
    return max(1, ceil(scale(count, written_for, portions))) if count else 0


# Money --------------------------------------------------------------------------------


def price_of(quantity_base: Fraction, price_cents: int, per_quantity_base: Fraction) -> Fraction:
    """The exact cost, in (fractional) cents, of a quantity at a price given for another
    quantity of the same food in the same base unit (1.89 € per kg: 189, 1000)."""
    if price_cents <= 0 or per_quantity_base <= 0:
        raise ValueError("a price is for a positive amount of money and of food")
    return Fraction(quantity_base) * price_cents / Fraction(per_quantity_base)


def to_cents(exact_cents: Fraction) -> int:
    """Round exact cents to whole cents, halves up: the only rounding money ever gets."""
    return int(_decimal(Fraction(exact_cents)).quantize(Decimal(1), ROUND_HALF_UP))


def batch_cost(line_costs: Iterable[Fraction]) -> Fraction:
    """The exact cost of a batch: the sum of its lines, still unrounded."""
    return sum((Fraction(cost) for cost in line_costs), Fraction(0))


def line_cost(
    amount: Fraction | int,
    unit: str,
    *,
    written_for: int,
    portions: int,
    scales: bool,
    price_cents: int,
    price_amount: Fraction | int,
    price_unit: str,
    grams_per_piece: Fraction | None = None,
    grams_per_litre: Fraction | None = None,
) -> Fraction:
    """The exact cost, in fractional cents, of an ingredient line for `portions` at a price
    given for `price_amount` `price_unit` of the food (189 cents for 1 kg). Converts through
    the food's own weights (1 onion ≈ 150 g) when the line and the price use different
    kinds of unit; raises ConversionError when nothing says how."""
    exact = scale(amount, written_for, portions) if scales else Fraction(amount)
    into = dimension_of(price_unit)
    conversions = {"grams_per_piece": grams_per_piece, "grams_per_litre": grams_per_litre}
    quantity = to_base(exact, unit, into=into, **conversions)
    return price_of(quantity, price_cents, to_base(price_amount, price_unit))


def cost_per_portion(exact_batch_cents: Fraction, portions: int) -> int:
    """Whole cents per portion of a batch whose exact cost is known."""
    if portions <= 0:
        raise ValueError("portions must be positive")
    return to_cents(Fraction(exact_batch_cents) / portions)
