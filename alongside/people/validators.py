"""Checks on the numbers that identify a person we support."""

from __future__ import annotations

from django.core.exceptions import ValidationError


def nhs_number_is_valid(value: str) -> bool:
    """True for ten digits whose last is the modulus 11 check digit of the first nine."""
    digits = value.replace(" ", "")
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * weight for d, weight in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    # A check digit of 10 is never issued: no number with it is real.
    return check != 10 and check == int(digits[9])


def validate_nhs_number(value: str) -> None:
    if value and not nhs_number_is_valid(value):
        raise ValidationError(
            "'%(value)s' is not an NHS number: it has 10 digits and the last one checks the others",
            code="nhs_number",
            params={"value": value},
        )
