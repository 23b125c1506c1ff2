"""Reads for everyday pages: today's check-ins, the handover, patterns over weeks."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from alongside.audit.reads import note_read
from alongside.organisations.models import Service, StaffMember
from alongside.people.downloads import DownloadSection
from alongside.people.models import AboutMeSection, Person, Supporter
from alongside.people.sharing import Part
from alongside.policy import (
    PersonPart,
    standing_of,
    suggestion_service_ids,
    visible_response_time_services,
)
from alongside.rota.selectors import worker_day

from .models import CheckIn, Meeting, MeetingAction, Suggestion, SuggestionStatus


def check_in_today(*, person: Person) -> CheckIn | None:
    return CheckIn.objects.filter(person=person, on=timezone.localdate()).first()


def check_in_on(*, person: Person, on: datetime.date) -> CheckIn | None:
    """The person's check-in on this day, or None."""
    return CheckIn.objects.filter(person=person, on=on).first()


def check_ins_newest_first(*, person: Person) -> QuerySet[CheckIn]:
    """Every check-in of the person, newest day first."""
    return CheckIn.objects.filter(person=person).order_by("-on")


@dataclass(frozen=True)
class HandoverRow:
    person: Person
    check_in: CheckIn | None  # only when the person shares how they are today
    how_to_support_me: str  # only when the person shares it
    # what would help today, picked from "good days and bad days": only when that is shared
    helps: list[str]
    times_with_me: list[tuple[datetime.datetime, datetime.datetime]]


@dataclass(frozen=True)
class Handover:
    """Who is on a worker's Today page, in order, and where the list came from."""

    person_ids: list[int]
    # person id -> the worker's shift times with them today (from the published rota)
    times_with: dict[int, list[tuple[datetime.datetime, datetime.datetime]]]
    rota_service_ids: frozenset[int]  # services whose people come from the published rota
    everyone_service_ids: frozenset[int]  # services where everyone is listed


def handover(*, user: Any) -> Handover:
    """The people the user supports today: at a service where the user has shifts in the
    published rota today, the people on those shifts; at their other services (no rota
    published, or no shift of theirs today, as when covering at short notice) everyone.

    Those who checked in today come first (a bad day the person asked us to know about first
    of all), then everyone else by name. Check-ins the person does not share with this user
    do not change the order."""
    today = timezone.localdate()
    day = worker_day(user=user, day=today)
    my_services = standing_of(user).staff_service_ids
    rota_services = day.service_ids & my_services
    everyone_services = my_services - rota_services
    ids = list(
        Person.objects.visible_to(user)
        .filter(
            Q(service_id__in=list(everyone_services))
            | Q(service_id__in=list(rota_services), pk__in=list(day.times_with))
        )
        .order_by("preferred_name", "id")
        .values_list("id", flat=True)
    )
    people = Person.objects.in_bulk(ids, field_name="pk") if ids else {}
    checked_in = {
        c.person_id: c
        for c in CheckIn.objects.filter(person_id__in=ids, on=today).only(
            "person_id", "feeling", "alert_team"
        )
    }
    position = {pk: n for n, pk in enumerate(ids)}

    def key(pk: int) -> tuple[int, int, int]:
        c = checked_in.get(pk)
        if c is None or not user.has_perm("people.see_part", PersonPart(people[pk], Part.TODAY)):
            return (2, 0, position[pk])
        return (0 if c.alerts_team else 1, c.feeling, position[pk])

    return Handover(
        person_ids=sorted(ids, key=key),
        times_with={pk: day.times_with[pk] for pk in ids if pk in day.times_with},
        rota_service_ids=frozenset(rota_services),
        everyone_service_ids=frozenset(everyone_services),
    )


def handover_rows(
    *,
    user: Any,
    person_ids: list[int],
    times_with: dict[int, list[tuple[datetime.datetime, datetime.datetime]]] | None = None,
) -> list[HandoverRow]:
    """One row per person, in the order given, with only what each person shares.

    Each person given is noted for "who looked": the rows show them to the user."""
    people = Person.objects.select_related("service").in_bulk(person_ids)
    note_read(person_ids)
    today = {
        c.person_id: c
        for c in CheckIn.objects.filter(person_id__in=person_ids, on=timezone.localdate())
    }
    support = dict(
        AboutMeSection.objects.filter(
            person_id__in=person_ids, part=Part.HOW_TO_SUPPORT_ME
        ).values_list("person_id", "text")
    )
    rows = []
    for pk in person_ids:
        person = people[pk]
        sees_today = user.has_perm("people.see_part", PersonPart(person, Part.TODAY))
        sees_support = user.has_perm("people.see_part", PersonPart(person, Part.HOW_TO_SUPPORT_ME))
        check_in = today.get(pk) if sees_today else None
        sees_helps = check_in is not None and user.has_perm("everyday.see_what_helps", person)
        rows.append(
            HandoverRow(
                person=person,
                check_in=check_in,
                how_to_support_me=support.get(pk, "") if sees_support else "",
                helps=list(check_in.helps) if check_in is not None and sees_helps else [],
                times_with_me=(times_with or {}).get(pk, []),
            )
        )
    return rows


def recent_check_ins(*, person: Person, weeks: int = 6) -> list[CheckIn]:
    since = timezone.localdate() - datetime.timedelta(weeks=weeks)
    return list(CheckIn.objects.filter(person=person, on__gt=since).order_by("on"))


def told_once_for(*, person: Person, viewer: Any) -> dict[str, Any]:
    """For pre-filling later records: recent check-ins, if the viewer may see them, and open
    actions from meetings, if the viewer may join the person's meetings."""
    actions = []
    if viewer.has_perm("everyday.see_meetings", person):
        actions = [
            {"what": a.what, "who": a.who, "by_when": a.by_when}
            for a in open_actions(person=person)
        ]
    if not viewer.has_perm("people.see_part", PersonPart(person, Part.TODAY)):
        return {"check_ins": [], "open_actions": actions}
    sees_helps = viewer.has_perm("everyday.see_what_helps", person)
    return {
        "open_actions": actions,
        "check_ins": [
            {
                "on": c.on,
                "feeling": c.get_feeling_display(),
                "helps": list(c.helps) if sees_helps else [],
                "note": c.note,
            }
            for c in recent_check_ins(person=person, weeks=2)
        ],
    }


# --- Suggestions -------------------------------------------------------------------------


def services_to_suggest_to(*, user: Any) -> list[Service]:
    return list(Service.objects.filter(pk__in=suggestion_service_ids(user)).order_by("name", "pk"))


def suggestions_to_answer(*, user: Any) -> QuerySet[Suggestion]:
    """A manager's suggestions still waiting for an outcome, oldest first."""
    return (
        Suggestion.objects.visible_to(user)
        .filter(status__in=[SuggestionStatus.RECEIVED, SuggestionStatus.LOOKING])
        .select_related("service")
        .order_by("received_at", "pk")
    )


def you_said_we_did(*, service: Service) -> QuerySet[Suggestion]:
    """Ideas for `service` that have an answer, newest answer first. Never who made them."""
    return (
        Suggestion.objects.filter(service=service)
        .exclude(status=SuggestionStatus.RECEIVED)
        .only("text", "status", "response", "received_at", "first_response_at", "outcome_at")
        .order_by("-first_response_at", "-pk")
    )


def my_ideas(*, user: Any) -> QuerySet[Suggestion]:
    """The ideas `user` made with their name, newest first, with each one's answer. An idea
    given without a name stores nobody, so it is never here."""
    return (
        Suggestion.objects.filter(suggested_by_id=user.pk, anonymous=False)
        .select_related("service")
        .order_by("-received_at", "-pk")
    )


# --- Meetings ----------------------------------------------------------------------------


def planned_meeting(*, person: Person) -> Meeting | None:
    return (
        Meeting.objects.filter(person=person, status=Meeting.Status.PLANNED)
        .prefetch_related("agenda")
        .first()
    )


def open_actions(*, person: Person) -> list[MeetingAction]:
    return list(
        MeetingAction.objects.filter(person=person, status=MeetingAction.Status.OPEN).order_by(
            "by_when", "pk"
        )
    )


def overdue_actions(*, user: Any, limit: int | None = None) -> list[MeetingAction]:
    """Open actions past their date, oldest first, for the people whose meetings this user
    may join (seeing someone's record is not enough: they share their meetings)."""
    late = (
        MeetingAction.objects.filter(
            person__in=Person.objects.visible_to(user),
            status=MeetingAction.Status.OPEN,
            by_when__lt=timezone.localdate(),
        )
        .select_related("person")
        .order_by("by_when", "pk")
    )
    shown = [a for a in late if user.has_perm("everyday.see_meetings", a.person)]
    return shown[:limit] if limit is not None else shown


def meeting_notes_to_start_with(*, meeting: Meeting, viewer: Any) -> str:
    """Pre-filled notes: the agenda, then what is already known (told once): open actions
    and how the person has been, as far as this viewer may see."""
    from alongside.people.selectors import told_once

    known = told_once(person=meeting.person, viewer=viewer).get("everyday", {})
    lines = ["Things I wanted to talk about:"]
    lines += [f"- {item.text}" for item in meeting.agenda.all()] or ["- (nothing added)"]
    if known.get("open_actions"):
        lines += ["", "Actions from before:"]
        lines += [
            f"- {a['what']} ({a['who']}, by {a['by_when']:%-d %B})" for a in known["open_actions"]
        ]
    if known.get("check_ins"):
        lines += ["", "How I have been:"]
        lines += [
            f"- {c['on']:%-d %B}: {c['feeling']}" + (f". {c['note']}" if c["note"] else "")
            for c in known["check_ins"]
        ]
    return "\n".join(lines)


@dataclass(frozen=True)
class ResponseTimes:
    service: Service
    ideas: int
    answered: int
    average_days_to_first_response: float | None
    decided: int
    average_days_to_outcome: float | None


def response_times(*, services: list[Service]) -> list[ResponseTimes]:
    """For each service: how many ideas, and on average how many days to a first answer and
    to an outcome. One query for all the services given."""
    rows: dict[int, list[tuple[Any, Any, Any]]] = {s.pk: [] for s in services}
    for service_id, received, first, outcome in Suggestion.objects.filter(
        service__in=services
    ).values_list("service_id", "received_at", "first_response_at", "outcome_at"):
        rows[service_id].append((received, first, outcome))

    def average(pairs: list[tuple[Any, Any]]) -> float | None:
        # Rows answered "before" they arrived (old demo data, a clock set wrong) say nothing
        # true about how long the wait was, so they are left out of the average rather than
        # counted as no wait at all. The service now refuses such answers.
        days = [
            (end - start).total_seconds() / 86400
            for start, end in pairs
            if end is not None and end >= start
        ]
        return round(sum(days) / len(days), 1) if days else None

    return [
        ResponseTimes(
            service=s,
            ideas=len(rows[s.pk]),
            answered=sum(1 for r in rows[s.pk] if r[1] is not None),
            average_days_to_first_response=average([(r[0], r[1]) for r in rows[s.pk]]),
            decided=sum(1 for r in rows[s.pk] if r[2] is not None),
            average_days_to_outcome=average([(r[0], r[2]) for r in rows[s.pk]]),
        )
        for s in services
    ]


def download_sections(*, person: Person, viewer: Any) -> list[DownloadSection]:
    """Every check-in and every meeting with its actions, for the person's download."""
    sections: list[DownloadSection] = []
    if viewer.has_perm("everyday.see_check_ins", PersonPart(person, Part.TODAY)):
        sees_helps = viewer.has_perm("everyday.see_what_helps", person)
        sections.append(
            DownloadSection(
                key="check_ins",
                title="How I was each day",
                columns=(
                    ("on", "Day"),
                    ("feeling", "How I felt"),
                    ("helps", "What would help"),
                    ("note", "Anything else"),
                ),
                rows=[
                    {
                        "on": c.on,
                        "feeling": c.get_feeling_display(),
                        "helps": list(c.helps) if sees_helps else [],
                        "note": c.note,
                    }
                    for c in CheckIn.objects.filter(person=person).order_by("-on", "-pk")
                ],
                empty="No check-ins yet.",
            )
        )
    if viewer.has_perm("everyday.see_meetings", person):
        meetings = (
            Meeting.objects.filter(person=person)
            .prefetch_related("agenda", "actions")
            .order_by("-on", "-pk")
        )
        sections.append(
            DownloadSection(
                key="meetings",
                title="My meetings",
                columns=(
                    ("on", "When"),
                    ("with_whom", "Who with"),
                    ("agenda", "What I wanted to talk about"),
                    ("notes", "What we talked about"),
                    ("actions", "What we agreed"),
                ),
                rows=[
                    {
                        "on": m.on,
                        "with_whom": m.with_whom,
                        "agenda": [a.text for a in m.agenda.all()],
                        "notes": m.notes,
                        "actions": [
                            f"{a.what} ({a.who}, by {a.by_when:%-d %b %Y}: "
                            f"{a.get_status_display().lower()})"
                            for a in m.actions.all()
                        ],
                    }
                    for m in meetings
                ],
                empty="No meetings yet.",
            )
        )
    return sections


@dataclass(frozen=True)
class WhoMayDoIt:
    user: Any
    label: str


def who_may_do_actions(*, person: Person, viewer: Any) -> list[WhoMayDoIt]:
    """Who can be given an action from the person's meetings: the person, their supporters
    and the staff of their service, each only if the policy lets them see the person's
    meetings (they are told, with a link to the meeting). The viewer is "Me"."""
    found: list[WhoMayDoIt] = []
    seen: set[int] = set()

    def add(user: Any, label: str) -> None:
        if user is None or user.pk in seen or not user.is_active:
            return
        if not user.has_perm("everyday.see_meetings", person):
            return
        seen.add(user.pk)
        found.append(WhoMayDoIt(user, "Me" if user.pk == viewer.pk else label))

    add(person.user, f"{person.preferred_name}")
    supporters = Supporter.objects.filter(person=person, is_active=True).select_related("user")
    for supporter in supporters:
        add(supporter.user, f"{supporter.user.display_name} ({supporter.relationship})")
    staff = (
        StaffMember.objects.filter(services__pk=person.service_id)
        .select_related("user")
        .order_by("user__display_name", "pk")
    )
    for member in staff:
        add(member.user, f"{member.user.display_name} ({member.get_role_display().lower()})")
    return found


# --- Fetching for the pages ------------------------------------------------------------------


def service_to_suggest_to(*, service_id: Any) -> Service:
    """The service an idea is for (the form offered only those the user may suggest to)."""
    return Service.objects.get(pk=service_id)


def suggestion_for(*, user: Any, suggestion_id: Any) -> Suggestion | None:
    """One idea the user may see, with its service, or None."""
    return (
        Suggestion.objects.visible_to(user)
        .select_related("service")
        .filter(pk=suggestion_id)
        .first()
    )


def past_meetings(*, person: Person, limit: int = 10) -> QuerySet[Meeting]:
    """The person's meetings that were held, newest first."""
    return Meeting.objects.filter(person=person, status=Meeting.Status.HELD).order_by("-on")[:limit]


def action_of(*, person: Person, action_id: int) -> MeetingAction | None:
    """One action agreed at one of the person's meetings, or None."""
    return MeetingAction.objects.filter(person=person, pk=action_id).first()


def meeting_of(*, person: Person, meeting_id: Any) -> Meeting | None:
    """One of the person's meetings, with its agenda and actions, or None."""
    return (
        Meeting.objects.filter(person=person, pk=meeting_id)
        .prefetch_related("agenda", "actions")
        .first()
    )


def response_time_services(*, user: Any) -> QuerySet[Service]:
    """The services whose response times the user sees, by name."""
    return visible_response_time_services(Service.objects.all(), user).order_by("name", "pk")
