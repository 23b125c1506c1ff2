"""The kinds of message in "My messages": one typed registry.

Each kind says how the "How we tell you" page names it, its easy-read words for the person
we support, who it is for (so each reader is only asked about their own), and whether it
comes by email until the reader chooses. To add a kind: a member of `Kind` and its `KindInfo`
in `KINDS` (a test checks every kind has one).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db import models


class Kind(models.TextChoices):
    SUGGESTION = "suggestion", "A suggestion to answer"
    BAD_DAY = "bad_day", "A bad day"
    LATE_ACTION = "late_action", "A late action"
    CHANGE_REQUEST = "change_request", "A change to a team"
    DOWNLOAD_READY = "download_ready", "Your download is ready"
    ACTION_GIVEN = "action_given", "An action for you to do"
    IDEA_ANSWERED = "idea_answered", "An answer to your idea"
    BUDGET_DECIDED = "budget_decided", "An answer about a budget"
    PLAN_SUGGESTION = "plan_suggestion", "A suggested change to a plan"
    CHECK_PLANNED = "check_planned", "A quality check is planned"


# Who a kind is for, as `audiences_of` names a reader.
PERSON = "person"
SUPPORTER = "supporter"
SUPPORT_WORKER = "support_worker"
SERVICE_MANAGER = "service_manager"
QUALITY_LEAD = "quality_lead"
ORG_ADMIN = "org_admin"
COUNCIL = "council"
EVERYONE = frozenset(
    {PERSON, SUPPORTER, SUPPORT_WORKER, SERVICE_MANAGER, QUALITY_LEAD, ORG_ADMIN, COUNCIL}
)


@dataclass(frozen=True)
class KindInfo:
    kind: Kind
    # The "How we tell you" page: "Email me when ..."
    choice: str
    # The easy-read email: one short sentence saying what the message is about.
    easy_read: str
    for_whom: frozenset[str]
    # Private by default: a message with someone's own words about how they feel does not
    # go to an inbox until the reader chooses it.
    by_email_at_first: bool = True


KINDS: Mapping[str, KindInfo] = {
    info.kind.value: info
    for info in (
        KindInfo(
            Kind.SUGGESTION,
            choice="someone has an idea for my service to answer",
            easy_read="Someone has an idea. Please answer it.",
            for_whom=frozenset({SERVICE_MANAGER}),
        ),
        KindInfo(
            Kind.BAD_DAY,
            choice="a person I support asks the team to know how they feel today",
            easy_read="Someone wants you to know how they feel today.",
            for_whom=frozenset({SUPPORT_WORKER, SERVICE_MANAGER}),
            by_email_at_first=False,
        ),
        KindInfo(
            Kind.LATE_ACTION,
            choice="an action from a meeting is late",
            easy_read="Something from a meeting is late.",
            for_whom=frozenset({SERVICE_MANAGER}),
        ),
        KindInfo(
            Kind.CHANGE_REQUEST,
            choice="there is news about a request for a change to a team",
            easy_read="There is news about your request for a change to your team.",
            for_whom=frozenset({PERSON, SUPPORTER, SERVICE_MANAGER}),
        ),
        KindInfo(
            Kind.DOWNLOAD_READY,
            choice="a download I asked for is ready",
            easy_read="Your download is ready.",
            for_whom=EVERYONE,
        ),
        KindInfo(
            Kind.ACTION_GIVEN,
            choice="someone says I will do an action from a meeting",
            easy_read="You will do something from a meeting.",
            for_whom=EVERYONE,
        ),
        KindInfo(
            Kind.IDEA_ANSWERED,
            choice="a manager answers an idea I had (not one I gave without my name)",
            easy_read="There is an answer to your idea.",
            # Everyone who may suggest an idea to a service.
            for_whom=frozenset({PERSON, SUPPORTER, SUPPORT_WORKER, SERVICE_MANAGER}),
        ),
        KindInfo(
            Kind.BUDGET_DECIDED,
            choice="the council says yes or no to a change to a personal budget",
            easy_read="The council has answered about your budget.",
            for_whom=frozenset({PERSON, SUPPORTER}),
        ),
        KindInfo(
            Kind.PLAN_SUGGESTION,
            choice="someone suggests a change to a support plan",
            easy_read="Someone suggested a change to your plan. Please say yes or no.",
            for_whom=frozenset({PERSON, SUPPORTER}),
        ),
        KindInfo(
            Kind.CHECK_PLANNED,
            choice="a quality check is planned",
            easy_read="A quality check is planned.",
            for_whom=frozenset({PERSON, SERVICE_MANAGER}),
        ),
    )
}


def info_of(kind: str) -> KindInfo:
    return KINDS[kind]
