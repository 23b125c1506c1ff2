"""Template helpers for quality check pages."""

from __future__ import annotations

from typing import Any

from django import template

from alongside.quality.models import FACE_PICTURES, Face

register = template.Library()

THEME_PICTURES = {
    "wellbeing-independence": "how-i-feel",
    "information-advice": "easy-read",
    "active-supportive-communities": "people",
    "flexible-integrated-support": "my-team",
    "when-things-change": "calendar",
    "workforce": "worker",
}


@register.simple_tag
def overdue_quality_action_count(user: Any) -> int:
    """How many actions from checks this manager or quality lead sees are overdue."""
    from alongside.quality.models import QualityAction
    from alongside.quality.selectors import overdue_quality_actions

    return overdue_quality_actions(QualityAction.objects.visible_to(user)).count()


@register.filter
def face_picture(value: str) -> str:
    """The picture name for a face on the scale (good, OK, not good, did not see)."""
    return FACE_PICTURES.get(Face(value), "face-not-seen") if value in Face.values else "help"


@register.filter
def theme_picture(key: str) -> str:
    return THEME_PICTURES.get(key, "quality")
