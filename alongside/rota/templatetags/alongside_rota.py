from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.simple_tag
def rota_services(user: Any) -> Any:
    """The services whose rota this user plans."""
    from alongside.organisations.models import Service
    from alongside.policy import visible_rota_services

    return visible_rota_services(Service.objects.all(), user).order_by("name")


@register.simple_tag
def this_week() -> str:
    from alongside.rota.selectors import this_monday, week_label

    return week_label(this_monday())


@register.simple_tag
def broken_rotas(services: Any) -> list[tuple[Any, str, int]]:
    """Published weeks of these services that break a rule now: (week, its label, count)."""
    from alongside.rota.selectors import broken_published_weeks, week_label

    return [
        (week, week_label(week.monday), n) for week, n in broken_published_weeks(services=services)
    ]


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key, key)
