"""Money in pounds and pence: always Decimal, never float."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from alongside.forms_validation import ascii_digits_only

PENNY = Decimal("0.01")
MOST = Decimal("99999999.99")  # what a DecimalField(max_digits=10, decimal_places=2) holds

# "40", "40.5", "40.50", "1,200.50", "£1,200", with spaces around.
_POUNDS = re.compile(r"^£?\s*(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$", re.ASCII)


def parse_pounds(text: str, *, allow_zero: bool = True) -> Decimal:
    """Read an amount of money as people write it: "£40", "40.00", "1,200.50".

    Raises ValidationError with a plain message for anything else: negative amounts, more
    than two numbers after the point, or something that is not an amount.
    """
    cleaned = (text or "").strip()
    if not cleaned:
        raise ValidationError("Write an amount in pounds, like £40 or 40.00.")
    if cleaned.startswith("-") or cleaned.startswith("£-") or cleaned.startswith("-£"):
        raise ValidationError("The amount cannot be less than nothing. Write an amount like £40.")
    ascii_digits_only(cleaned)
    match = _POUNDS.match(cleaned)
    if not match:
        raise ValidationError("Write the amount as a number of pounds, like £40 or 1,200.50.")
    pence = match.group(3) or ""
    if len(pence) > 3:  # the point and more than two numbers after it
        raise ValidationError("Pounds and pence have at most two numbers after the point.")
    try:
        amount = Decimal(cleaned.lstrip("£").strip().replace(",", ""))
    except InvalidOperation as error:  # pragma: no cover - the pattern above rules this out
        raise ValidationError("Write the amount as a number of pounds, like £40.") from error
    if amount > MOST:
        raise ValidationError("That amount is too big. Check the number of noughts.")
    if not allow_zero and amount == 0:
        raise ValidationError("Write an amount more than £0.")
    return amount.quantize(PENNY)


def pounds(amount: Decimal | None) -> str:
    """£1,200.50 ; whole pounds without pence: £300."""
    if amount is None:
        return ""
    amount = amount.quantize(PENNY, rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    text = f"{abs(amount):,.2f}"
    if text.endswith(".00"):
        text = text[:-3]
    return f"{sign}£{text}"
