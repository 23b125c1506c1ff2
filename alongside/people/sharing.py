"""The parts of a person's record, and who the person shares each part with.

The person decides, part by part: their support team, their service manager, their council
worker, and each supporter one by one (audience "supporter:<id>"). They may also name one
support worker at their service for a part: let them see it although the team does not
("worker:<staff id>"), or keep it from them although the team sees it ("not_worker:<staff
id>", "not Tony"). The starting choices below
are explained to them in easy read and can be changed at any time.
"""

from __future__ import annotations

from django.db import models


class Part(models.TextChoices):
    # About me, section by section (after the PRSB "About Me" standard).
    WHAT_MATTERS = "what_matters", "What matters to me"
    IMPORTANT_FOR_ME = "important_for_me", "What is important for me (health and safety)"
    HOW_TO_SUPPORT_ME = "how_to_support_me", "How best to support me"
    COMMUNICATION = "communication", "How I communicate"
    IMPORTANT_PEOPLE = "important_people", "People who are important to me"
    ROUTINES = "routines", "My routines"
    GOOD_AND_BAD_DAYS = "good_and_bad_days", "My good days and bad days"
    LIKES = "likes", "Things I like and do not like"
    # The rest of the record.
    PLAN = "plan", "My support plan"
    TODAY = "today", "How I am today"
    MY_TEAM = "my_team", "My team choices"
    REVIEWS = "reviews", "My reviews and goals"
    BUDGET = "budget", "My personal budget"
    MEETINGS = "meetings", "My meetings"


ABOUT_ME_PARTS = [
    Part.WHAT_MATTERS,
    Part.IMPORTANT_FOR_ME,
    Part.HOW_TO_SUPPORT_ME,
    Part.COMMUNICATION,
    Part.IMPORTANT_PEOPLE,
    Part.ROUTINES,
    Part.GOOD_AND_BAD_DAYS,
    Part.LIKES,
]


class Audience(models.TextChoices):
    TEAM = "team", "My support team"
    MANAGER = "manager", "My service manager"
    COUNCIL = "council", "My council worker"


def supporter_audience(supporter_id: int) -> str:
    return f"supporter:{supporter_id}"


def worker_audience(staff_id: int) -> str:
    """One support worker by name, who may see the part even if the team may not."""
    return f"worker:{staff_id}"


def not_worker_audience(staff_id: int) -> str:
    """One support worker by name, who may not see the part even if the team may."""
    return f"not_worker:{staff_id}"


_NAMED_KINDS = ("supporter", "worker", "not_worker")


_EVERYONE_AT_WORK = [Audience.TEAM, Audience.MANAGER, Audience.COUNCIL]
DEFAULT_SHARING: dict[str, list[str]] = {
    **{part: list(_EVERYONE_AT_WORK) for part in ABOUT_ME_PARTS},
    # Health and safety details stay with the people who support me day to day.
    Part.IMPORTANT_FOR_ME: [Audience.TEAM, Audience.MANAGER],
    Part.PLAN: list(_EVERYONE_AT_WORK),
    Part.TODAY: [Audience.TEAM, Audience.MANAGER],
    Part.MY_TEAM: [Audience.MANAGER],
    Part.REVIEWS: [Audience.COUNCIL, Audience.MANAGER],
    Part.BUDGET: [Audience.COUNCIL],
    # Staff plan my meetings with me. The council does not join them (not offered).
    Part.MEETINGS: [Audience.TEAM, Audience.MANAGER],
}

# Who each part may be shared with, where that is not every audience: my meetings are with
# the people at my home and the supporters I choose, never the council.
AUDIENCES_FOR_PART: dict[str, list[str]] = {
    Part.MEETINGS: [Audience.TEAM, Audience.MANAGER],
}


def default_sharing() -> dict[str, list[str]]:
    return {part: list(audiences) for part, audiences in DEFAULT_SHARING.items()}


def is_known_audience(audience: str) -> bool:
    if audience in Audience.values:
        return True
    kind, _, number = audience.partition(":")
    return kind in _NAMED_KINDS and number.isdigit()


class SupporterScope(models.TextChoices):
    """What a person lets one supporter do. Seeing each part is chosen on the sharing page."""

    HELP_EDIT = "help_edit", "Help me write my About me and details"
    AGREE_PLAN = "agree_plan", "Agree my plan with me"
    ASK_FOR_CHANGE = "ask_for_change", "Ask for a change to my team"
    DOWNLOAD = "download", "Download my information"
    SEE_WHO_LOOKED = "see_who_looked", "See who has looked at my information"
    BUDGET = "budget", "Help me with my personal budget"


# Changes to the record whose words tell something of one part (a goal's words, money spent,
# a team choice, how I was today): "what changed" shows them only to those who may see it.
PART_OF_CHANGE: dict[str, str] = {
    "plan_written": Part.PLAN,
    "check_in": Part.TODAY,
    **{
        action: Part.MY_TEAM
        for action in (
            "team_choice_changed",
            "what_i_look_for_changed",
            "change_requested",
            "change_request_updated",
        )
    },
    **{
        action: Part.REVIEWS
        for action in (
            "goal_added",
            "goal_changed",
            "review_due",
            "review_asked_for",
            "review_written",
            "review_completed",
            "review_prepared",
            "review_confirmed",
            "review_task_question",
        )
    },
    **{
        action: Part.BUDGET
        for action in (
            "budget_set_up",
            "budget_spent",
            "budget_change_proposed",
            "budget_change_agreed",
            "budget_change_recommended",
            "budget_change_approved",
            "budget_change_declined",
            "budget_change_withdrawn",
        )
    },
    # An agenda item's words, an action agreed, a meeting's date.
    **{
        action: Part.MEETINGS
        for action in (
            "meeting_planned",
            "agenda_item_added",
            "meeting_recorded",
            "meeting_action_added",
            "meeting_action_changed",
        )
    },
}
