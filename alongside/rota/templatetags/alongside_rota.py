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


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key, key)
