"""Template helpers for Alongside's shell: pictures beside ideas."""

from __future__ import annotations

from django import template
from django.templatetags.static import static
from django.utils.html import format_html

from alongside.pictures import picture_path

register = template.Library()


@register.simple_tag
def picture(name: str) -> str:
    """A picture beside an idea. The words beside it say the idea, so it is decorative."""
    return format_html(
        '<img class="alongside-picture" src="{}" alt="" width="32" height="32">',
        static(picture_path(name)),
    )
