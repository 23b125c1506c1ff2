"""Amounts are read as people write them, into Decimal pounds and pence, never float."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from alongside.reviews.money import parse_pounds, pounds


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("£40", Decimal("40.00")),
        ("40.00", Decimal("40.00")),
        ("40.5", Decimal("40.50")),
        ("1,200.50", Decimal("1200.50")),
        ("£1,200", Decimal("1200.00")),
        (" £ 0.01 ", Decimal("0.01")),
        ("0", Decimal("0.00")),
    ],
)
def test_amounts_people_write_are_read_exactly(typed: str, amount: Decimal) -> None:
    result = parse_pounds(typed)
    assert result == amount and isinstance(result, Decimal)
    assert result.as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Write an amount in pounds"),
        ("-40", "cannot be less than nothing"),
        ("£-40", "cannot be less than nothing"),
        ("40.001", "at most two numbers after the point"),
        ("40p", "Write the amount as a number of pounds"),
        ("1e3", "Write the amount as a number of pounds"),
        ("12,00", "Write the amount as a number of pounds"),
        ("NaN", "Write the amount as a number of pounds"),
        ("100000000", "too big"),
    ],
)
def test_anything_else_gets_a_clear_message(typed: str, message: str) -> None:
    with pytest.raises(ValidationError) as error:
        parse_pounds(typed)
    assert message in error.value.messages[0]


def test_zero_can_be_refused_where_an_amount_is_needed() -> None:
    with pytest.raises(ValidationError, match="more than £0"):
        parse_pounds("0.00", allow_zero=False)


@given(st.decimals(min_value=Decimal("0"), max_value=Decimal("99999999.99"), places=2))
def test_any_amount_written_back_out_reads_the_same(amount: Decimal) -> None:
    assert parse_pounds(pounds(amount)) == amount
    assert parse_pounds(f"{amount:,.2f}") == amount


def test_pounds_are_shown_without_pence_when_whole() -> None:
    assert pounds(Decimal("300.00")) == "£300"
    assert pounds(Decimal("1200.5")) == "£1,200.50"
    assert pounds(Decimal("-10.25")) == "-£10.25"
