"""Sentences built from a count, in plain words that are right for none, one and many.

Every template and every Python sentence that says how many of something there are goes
through `counted` (templates: the `counted` filter in web/templatetags/alongside.py), so "0
things were not good" and "1 checks" cannot happen. tests/test_words.py holds every phrase.
"""

from __future__ import annotations


def counted(n: int, one: str, many: str, *, none: str | None = None) -> str:
    """ "1 review", "3 reviews", "no reviews" (or `none`, where "no" reads badly).

    `one` and `many` are the words after the number, and may carry their verb: ("thing was
    not good", "things were not good").
    """
    if n == 0:
        return none if none is not None else f"no {many}"
    return f"{n} {one}" if n == 1 else f"{n} {many}"


def sentence(text: str) -> str:
    """The first letter made a capital, as a sentence starts ("no reviews" -> "No reviews")."""
    return text[:1].upper() + text[1:]
