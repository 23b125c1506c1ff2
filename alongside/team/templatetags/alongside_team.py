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


@register.inclusion_tag("team/_face.html")
def worker_face(worker: Any, size: int = 40) -> dict[str, Any]:
    """A worker's photo (alt text: their name), or their initials when they have none.

    Lists annotate `has_photo` (see the selectors); otherwise it is looked up here."""
    from alongside.team.models import WorkerPhoto

    has_photo = getattr(worker, "has_photo", None)
    if has_photo is None:
        has_photo = WorkerPhoto.objects.filter(worker_id=worker.pk).exists()
    return {"worker": worker, "has_photo": has_photo, "size": size}
