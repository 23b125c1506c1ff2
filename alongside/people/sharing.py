"""The parts of a person's record, and who the person can share each part with.

The person decides; these are only the starting choices, explained to them in easy read.
"""

from __future__ import annotations

from django.db import models


class Part(models.TextChoices):
    ABOUT_ME = "about_me", "About me"
    TODAY = "today", "How I am today"
    MY_TEAM = "my_team", "My team choices"


class Audience(models.TextChoices):
    TEAM = "team", "My support team"
    MANAGER = "manager", "My service manager"
    COUNCIL = "council", "My council worker"


DEFAULT_SHARING: dict[str, list[str]] = {
    Part.ABOUT_ME: [Audience.TEAM, Audience.MANAGER, Audience.COUNCIL],
    Part.TODAY: [Audience.TEAM, Audience.MANAGER],
    Part.MY_TEAM: [Audience.MANAGER],
}


def default_sharing() -> dict[str, list[str]]:
    return {part: list(audiences) for part, audiences in DEFAULT_SHARING.items()}


class SupporterScope(models.TextChoices):
    """What a person lets one supporter do. Each is granted one by one."""

    SEE_ABOUT_ME = "see_about_me", "See my About me"
    SEE_TODAY = "see_today", "See how I am today"
    SEE_MY_TEAM = "see_my_team", "See my team choices"
    HELP_EDIT = "help_edit", "Help me change my details and About me"
    AGREE_PLAN = "agree_plan", "Agree my plan with me"
    ASK_FOR_CHANGE = "ask_for_change", "Ask for a change to my team"
    DOWNLOAD = "download", "Download my information"
    SEE_WHO_LOOKED = "see_who_looked", "See who has looked at my information"


# Seeing a part needs its matching scope.
SCOPE_FOR_PART: dict[str, str] = {
    Part.ABOUT_ME: SupporterScope.SEE_ABOUT_ME,
    Part.TODAY: SupporterScope.SEE_TODAY,
    Part.MY_TEAM: SupporterScope.SEE_MY_TEAM,
}
