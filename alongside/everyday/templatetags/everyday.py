from __future__ import annotations

from typing import Any

from django import template

from alongside.everyday import selectors

register = template.Library()


@register.simple_tag
def suggestions_to_answer(user: Any) -> list[Any]:
    """The first few suggestions waiting for this manager's answer."""
    return list(selectors.suggestions_to_answer(user=user)[:5])


@register.filter
def suggestion_services(user: Any) -> list[Any]:
    return selectors.services_to_suggest_to(user=user)
