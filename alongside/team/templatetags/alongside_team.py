from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key, key)


@register.simple_tag
def overdue_change_requests(user: Any) -> int:
    """How many open requests for a change are past their deadline at the user's services."""
    from alongside.team.selectors import overdue_change_requests as overdue

    return overdue(user=user).count()
