from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from alongside.everyday import selectors

register = template.Library()


@register.simple_tag
def suggestions_to_answer(user: Any) -> list[Any]:
    """The first few suggestions waiting for this manager's answer."""
    return list(selectors.suggestions_to_answer(user=user)[:5])


@register.simple_tag
def today_for_worker(user: Any, first: int = 5) -> dict[str, Any]:
    """The first people on the worker's Today handover (a bad day they asked us to know about
    first), with how they are today; each one shown is noted for "who looked"."""
    today = selectors.handover(user=user)
    ids = today.person_ids[:first]
    rows = selectors.handover_rows(user=user, person_ids=ids, times_with=today.times_with)
    return {"rows": rows, "total": len(today.person_ids)}


@register.filter
def suggestion_services(user: Any) -> list[Any]:
    return selectors.services_to_suggest_to(user=user)


@register.simple_tag
def overdue_actions(user: Any) -> list[Any]:
    """The first few late meeting actions for people this user may see."""
    return selectors.overdue_actions(user=user, limit=10)


@register.simple_tag
def overdue_for_person(person: Any) -> list[Any]:
    return [a for a in selectors.open_actions(person=person) if a.by_when < timezone.localdate()]
