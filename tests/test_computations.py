"""The arithmetic an agreement rests on: seats per started thousand, shares that add up exactly, and
figures written the Finnish way.

The seat rule of the Kaustinen agreement reads "yksi jäsen jokaista alkavaa 1 000 asukasta kohti,
kuitenkin vähintään kaksi". Shares are rounded by the largest-remainder method so that they always
add up to exactly 100,00 % and to the budget, ties going to the party listed first.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.formats import NBSP, fi_date, fi_euro, fi_number, fi_percent
from generator.model.seats import seats_per_started
from generator.model.shares import PERCENT_HUNDREDTHS, largest_remainder
from generator.validate import validate_case

POPULATIONS_2016 = {"Halsua": 1219, "Kaustinen": 4298, "Lestijärvi": 811, "Toholampi": 3232, "Veteli": 3259}
POPULATIONS_2024 = {"Halsua": 985, "Kaustinen": 4118, "Lestijärvi": 665, "Toholampi": 2799, "Veteli": 2931}


def kaustinen_seats(population: int) -> int:
    return seats_per_started(population, per_inhabitants=1000, minimum=2)


# --- seats -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "municipality, population, seats",
    [
        ("Halsua", 1219, 2),  # two thousands started
        ("Kaustinen", 4298, 5),
        ("Lestijärvi", 811, 2),  # one thousand started, but the minimum is two
        ("Toholampi", 3232, 4),
        ("Veteli", 3259, 4),
    ],
)
def test_seats_of_each_municipality_with_2016_populations(municipality: str, population: int, seats: int) -> None:
    assert kaustinen_seats(population) == seats


def test_the_seutuvaltuusto_has_17_members_with_2016_populations() -> None:
    assert sum(kaustinen_seats(p) for p in POPULATIONS_2016.values()) == 17


def test_the_same_rule_gives_15_members_with_2024_populations() -> None:
    seats = {name: kaustinen_seats(p) for name, p in POPULATIONS_2024.items()}
    assert seats == {"Halsua": 2, "Kaustinen": 5, "Lestijärvi": 2, "Toholampi": 3, "Veteli": 3}
    assert sum(seats.values()) == 15


@pytest.mark.parametrize("population, seats", [(1, 1), (999, 1), (1000, 1), (1001, 2), (2000, 2), (2001, 3)])
def test_a_thousand_is_started_by_its_first_inhabitant(population: int, seats: int) -> None:
    assert seats_per_started(population, per_inhabitants=1000, minimum=1) == seats


@pytest.mark.parametrize("population", [0, 1, 999, 1000, 1500, 2000])
def test_no_municipality_gets_fewer_than_the_minimum(population: int) -> None:
    assert seats_per_started(population, per_inhabitants=1000, minimum=2) >= 2


def test_the_model_of_the_example_computes_17_seats_from_the_registry(example_case) -> None:
    case, _ = validate_case(example_case)
    assert case is not None
    composition = case.agreements[0].composition
    assert composition is not None
    assert {s.municipality.name: s.seats for s in composition.seats} == {
        "Halsua": 2,
        "Kaustinen": 5,
        "Lestijärvi": 2,
        "Toholampi": 4,
        "Veteli": 4,
    }
    assert composition.total == 17


# --- largest remainder ---------------------------------------------------------------------------------


def test_the_kaustinen_population_shares_in_hundredths_of_a_percent() -> None:
    shares = largest_remainder(list(POPULATIONS_2016.values()), PERCENT_HUNDREDTHS)
    assert shares == [951, 3353, 633, 2521, 2542]  # 9,51 + 33,53 + 6,33 + 25,21 + 25,42 = 100,00
    assert sum(shares) == 10_000


def test_the_budget_is_divided_to_the_euro() -> None:
    euros = largest_remainder(list(POPULATIONS_2016.values()), 380_000)
    assert euros == [36135, 127408, 24041, 95808, 96608]
    assert sum(euros) == 380_000


def test_a_tie_goes_to_the_party_listed_first() -> None:
    assert largest_remainder([1, 1, 1], 100) == [34, 33, 33]
    assert largest_remainder([1, 1, 1, 1], 10) == [3, 3, 2, 2]


def test_ties_are_broken_by_order_not_by_size_of_weight() -> None:
    # Equal remainders (0,5 each): the earlier party gets the unit, whatever its weight.
    assert largest_remainder([3, 1], 2) == [2, 0]
    assert largest_remainder([1, 3], 2) == [1, 1]
    assert largest_remainder([1, 1], 1) == [1, 0]


def test_the_largest_remainder_wins_over_order() -> None:
    # Quotas 3,3 / 3,7 / 3,0 of 10: floors 3 + 3 + 3 = 9, the one left goes to the 0,7 remainder.
    assert largest_remainder([33, 37, 30], 10) == [3, 4, 3]


def test_weights_may_be_decimals_or_fractions() -> None:
    assert largest_remainder([Decimal("0.5"), Decimal("0.25"), Decimal("0.25")], 100) == [50, 25, 25]
    assert largest_remainder([Fraction(1, 3), Fraction(2, 3)], 3) == [1, 2]


def test_weights_that_add_up_to_nothing_cannot_be_divided() -> None:
    with pytest.raises(ValueError):
        largest_remainder([0, 0, 0], 100)
    with pytest.raises(ValueError):
        largest_remainder([], 100)


weights_strategy = st.lists(
    st.one_of(
        st.integers(min_value=0, max_value=10**7),
        st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False),
    ),
    min_size=1,
    max_size=12,
).filter(lambda ws: sum(Decimal(w) for w in ws) > 0)


@settings(max_examples=300, deadline=None)
@given(weights=weights_strategy, total=st.integers(min_value=0, max_value=10**7))
def test_shares_always_add_up_exactly_and_each_is_its_quota_rounded_down_or_up(weights, total: int) -> None:
    parts = largest_remainder(weights, total)
    assert len(parts) == len(weights)
    assert sum(parts) == total
    weight_sum = sum(Fraction(w) for w in weights)
    for weight, part in zip(weights, parts, strict=True):
        quota = Fraction(weight) * total / weight_sum
        assert quota - 1 < part <= quota + 1
        assert part in (quota.numerator // quota.denominator, -(-quota.numerator // quota.denominator))


@settings(max_examples=200, deadline=None)
@given(weights=weights_strategy)
def test_percent_shares_always_make_exactly_100_percent_and_nobody_without_weight_pays(weights) -> None:
    hundredths = largest_remainder(weights, PERCENT_HUNDREDTHS)
    assert sum(hundredths) == 10_000
    assert all(h >= 0 for h in hundredths)
    assert all(h == 0 for w, h in zip(weights, hundredths, strict=True) if Decimal(w) == 0)


@settings(max_examples=200, deadline=None)
@given(
    weight=st.integers(min_value=1, max_value=1000),
    count=st.integers(min_value=2, max_value=9),
    total=st.integers(min_value=0, max_value=10_000),
)
def test_equal_weights_give_the_extra_units_to_the_first_parties(weight: int, count: int, total: int) -> None:
    parts = largest_remainder([weight] * count, total)
    base, extra = divmod(total, count)
    assert parts == [base + 1] * extra + [base] * (count - extra)


# --- Finnish formats ---------------------------------------------------------------------------------


def test_a_date_is_written_day_month_year_without_leading_zeros() -> None:
    assert fi_date(dt.date(2016, 3, 21)) == "21.3.2016"
    assert fi_date(dt.date(2025, 1, 1)) == "1.1.2025"
    assert fi_date(dt.date(2024, 12, 31)) == "31.12.2024"


@pytest.mark.parametrize(
    "value, decimals, written",
    [
        (1234.5, 1, "1\u00a0234,5"),
        (12819, 0, "12\u00a0819"),
        (999, 0, "999"),
        (1000, 0, "1\u00a0000"),
        (1234567, 0, "1\u00a0234\u00a0567"),
        (0, 2, "0,00"),
        (-1234.5, 1, "-1\u00a0234,5"),
        (Decimal("33.53"), 2, "33,53"),
    ],
)
def test_a_number_has_a_space_between_thousands_and_a_decimal_comma(value, decimals: int, written: str) -> None:
    assert fi_number(value, decimals) == written


def test_the_thousands_space_is_a_no_break_space_so_a_figure_never_wraps() -> None:
    assert NBSP == "\u00a0"
    assert " " not in fi_number(1234567)


@pytest.mark.parametrize("value, written", [(2.675, "2,68"), (0.125, "0,13"), (1.005, "1,01"), (0.004, "0,00")])
def test_rounding_is_half_up_on_the_written_decimal_not_on_binary_floats(value: float, written: str) -> None:
    assert fi_number(value, 2) == written


def test_a_share_is_written_with_two_decimals_and_a_spaced_percent_sign() -> None:
    assert fi_percent(2353) == "23,53\u00a0%"
    assert fi_percent(10_000) == "100,00\u00a0%"
    assert fi_percent(0) == "0,00\u00a0%"
    assert fi_percent(951) == "9,51\u00a0%"


def test_euros_are_whole_with_spaced_thousands_and_the_sign_after() -> None:
    assert fi_euro(380000) == "380\u00a0000\u00a0€"
    assert fi_euro(36135) == "36\u00a0135\u00a0€"
    assert fi_euro(0) == "0\u00a0€"


@pytest.mark.parametrize(
    "text, kept",
    [
        ("kommunallagen 54 § 1 mom. och", "54\u00a0§\u00a01\u00a0mom."),
        ("kuntalain 54 §:n 1 mom. mukaan", "54\u00a0§:n\u00a01\u00a0mom."),
        ("lain (380/2023) 13 § nojalla", "(380/2023)\u00a013\u00a0§"),
        ("KuntaL 52 § 1 mom. 2 k.", "KuntaL\u00a052\u00a0§\u00a01\u00a0mom.\u00a02\u00a0k."),
        ("KomL 52 § 1 mom. 2 p.", "KomL\u00a052\u00a0§\u00a01\u00a0mom.\u00a02\u00a0p."),
    ],
)
def test_a_statute_citation_never_wraps_inside_itself(text: str, kept: str) -> None:
    from generator.language import no_break

    assert kept in no_break(text)
