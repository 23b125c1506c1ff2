"""Bad values in a web address or a form that a page cannot use: a clear 400, never a 500.

A view that reads a value by hand (not through a form) raises BadInput with a message in
plain words; `bad_request` shows it on the "Something in the address is wrong" page.
"""

from __future__ import annotations

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.template import loader

# The largest id a database row can have (a 64-bit integer): bigger numbers can never match
# a row, and some databases fail on them instead of finding nothing.
BIGGEST_ID = 2**63 - 1


class BadInput(BadRequest):
    """A value the page cannot use. Its message is shown to the user, so write it plainly."""


def whole_number(text: str | None, *, what: str) -> int:
    """Read `text` as a whole number (an id from a link or a button), or raise BadInput
    saying which value was wrong."""
    value = (text or "").strip()
    # isascii: "١٢" is digits to Python but never an id we wrote.
    if not value.isascii() or not value.isdigit() or int(value) > BIGGEST_ID:
        raise BadInput(
            f"We could not tell which {what} you meant. Go back, and use the links and "
            "buttons on the page."
        )
    return int(value)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The 400 page. Only our own BadInput messages are shown; any other is kept general."""
    message = (
        str(exception.args[0])
        if isinstance(exception, BadInput) and exception.args
        else "Something in the web address or the form is not right."
    )
    page = loader.get_template("400.html").render({"message": message}, request)
    return HttpResponse(page, status=400)
