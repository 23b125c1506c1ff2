"""Reads about one person: About me, the plan, their history, and everything known."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from alongside import hooks
from alongside.audit.models import RecordChange
from alongside.organisations.models import StaffMember
from alongside.policy import PersonPart, visible_parts
from alongside.task_list import Task, TaskStatus

from .models import (
    PLAN_FIELDS,
    AboutMeSection,
    Person,
    PlanVersion,
    Proposal,
    Supporter,
    field_label,
)
from .sharing import ABOUT_ME_PARTS, PART_OF_CHANGE, Part

PICTURE_FOR_PART = {
    Part.WHAT_MATTERS: "about-me",
    Part.IMPORTANT_FOR_ME: "shield",
    Part.HOW_TO_SUPPORT_ME: "help",
    Part.COMMUNICATION: "meeting",
    Part.IMPORTANT_PEOPLE: "people",
    Part.ROUTINES: "calendar",
    Part.GOOD_AND_BAD_DAYS: "how-i-feel",
    Part.LIKES: "done",
    Part.PLAN: "review",
}


def support_workers_of(person: Person) -> list[tuple[int, str]]:
    """The support workers at the person's service, whom they may name on the sharing page
    (staff id, name), by name."""
    workers = (
        StaffMember.objects.filter(
            services__pk=person.service_id, role=StaffMember.Role.SUPPORT_WORKER
        )
        .select_related("user")
        .order_by("user__display_name", "pk")
        .distinct()
    )
    return [(w.pk, w.user.display_name) for w in workers]


# Short easy-read prompts shown beside each section, in the person's voice.
PROMPT_FOR_PART = {
    Part.WHAT_MATTERS: "The things that matter most to me.",
    Part.IMPORTANT_FOR_ME: "What keeps me healthy and safe.",
    Part.HOW_TO_SUPPORT_ME: "How and when to support me.",
    Part.COMMUNICATION: "How I talk. How you can tell if I am upset.",
    Part.IMPORTANT_PEOPLE: "The people who are important to me.",
    Part.ROUTINES: "My routines. What I do each day and week.",
    Part.GOOD_AND_BAD_DAYS: "What a bad day looks like. What helps. What does not help.",
    Part.LIKES: "Please do. Please don't.",
}


@dataclass(frozen=True)
class SectionView:
    part: str
    label: str
    picture: str
    prompt: str
    text: str
    version: int
    visible: bool


def about_me_for(*, person: Person, viewer: Any) -> list[SectionView]:
    """Every About me section in order, each marked visible or not for this viewer."""
    allowed = visible_parts(viewer, person)
    saved = {s.part: s for s in AboutMeSection.objects.filter(person=person)}
    sections = []
    for part in ABOUT_ME_PARTS:
        section = saved.get(part)
        sections.append(
            SectionView(
                part=part,
                label=Part(part).label,
                picture=PICTURE_FOR_PART[part],
                prompt=PROMPT_FOR_PART[part],
                text=section.text if section else "",
                version=section.version if section else 0,
                visible=part in allowed,
            )
        )
    return sections


def about_me_tasks(*, person: Person, viewer: Any) -> list[Task]:
    """About me as a task list for the person (or a supporter who writes it): each section
    they may see, with a status worked out from what is saved. Done: written, and no
    suggestion waits. In progress: a suggestion waits for the person's answer. Not started:
    nothing written yet and nothing waiting."""
    waiting = set(
        person.proposals.filter(status=Proposal.Status.WAITING).values_list("part", flat=True)
    )
    tasks = []
    for section in about_me_for(person=person, viewer=viewer):
        if not section.visible:
            continue
        if section.part in waiting:
            status, hint = TaskStatus.IN_PROGRESS, "A suggestion waits for your answer."
        elif section.text.strip():
            status, hint = TaskStatus.DONE, ""
        else:
            status, hint = TaskStatus.NOT_STARTED, ""
        tasks.append(
            Task(
                key=str(section.part),
                name=section.label,
                href=reverse("people:about-me-edit", args=[person.pk, section.part]),
                status=status,
                hint=hint,
            )
        )
    return tasks


def current_plan(*, person: Person) -> PlanVersion | None:
    return (
        person.plan_versions.filter(status=PlanVersion.Status.CURRENT)
        .select_related("agreed_by", "written_by")
        .first()
    )


def waiting_proposals(*, person: Person) -> QuerySet[Proposal]:
    return person.proposals.filter(status=Proposal.Status.WAITING).select_related(
        "proposed_by", "plan_version"
    )


def proposals_for(*, person: Person, viewer: Any, answered: bool = False) -> QuerySet[Proposal]:
    """Suggestions (waiting, or answered before) about the parts `viewer` may see
    suggestions for: a supporter only those about parts the person shares with them."""
    allowed = [
        part
        for part in [*ABOUT_ME_PARTS, Part.PLAN]
        if viewer.has_perm("people.see_proposals", PersonPart(person, part))
    ]
    # Filtered in the database, so a page that shows the newest 50 fetches only those.
    proposals = person.proposals.filter(part__in=allowed).select_related(
        "proposed_by", "decided_by", "plan_version"
    )
    if answered:
        return proposals.exclude(status=Proposal.Status.WAITING)
    return proposals.filter(status=Proposal.Status.WAITING)


def plan_versions(*, person: Person) -> QuerySet[PlanVersion]:
    return person.plan_versions.exclude(number=None).select_related("written_by", "agreed_by")


def told_once(*, person: Person, viewer: Any) -> dict[str, Any]:
    """Everything already known about the person that this viewer may see, for pre-filling
    later forms (meetings, reviews, quality checks): nobody is asked again.

    Other domains add theirs with `alongside.hooks.register_told_once` in their AppConfig's
    `ready()`; the provider takes (person=, viewer=) and returns a dict merged in under its
    app label.
    """
    allowed = visible_parts(viewer, person)
    known: dict[str, Any] = {
        "about_me": {
            s.part: s.text
            for s in about_me_for(person=person, viewer=viewer)
            if s.visible and s.text
        },
        "plan": None,
    }
    plan = current_plan(person=person) if Part.PLAN in allowed else None
    if plan is not None:
        known["plan"] = {name: getattr(plan, name) for name in PLAN_FIELDS}
        known["plan"]["review_date"] = plan.review_date
    for label, provider in hooks.told_once_providers().items():
        known[label] = provider(person=person, viewer=viewer)
    return known


@dataclass(frozen=True)
class RecordLink:
    text: str
    url: str


def record_links(*, person: Person, viewer: Any) -> list[RecordLink]:
    """Links other domains add to a person's record page, each only when the viewer passes
    its rule. An app registers them with `alongside.hooks.register_record_links` in its
    AppConfig's `ready()`; the rule is asked of the person, or of `PersonPart(person, part)`,
    and "{name}" in the text becomes the person's name."""
    links = []
    for link in hooks.record_links():
        target = person if link.part is None else PersonPart(person, link.part)
        if viewer.has_perm(link.rule, target):
            links.append(
                RecordLink(
                    text=link.text.format(name=person.preferred_name),
                    url=reverse(link.url_name, args=[person.pk]),
                )
            )
    return links


def what_helps_on_a_bad_day(*, person: Person) -> list[str]:
    """The person's own list of what helps on a bad day: the lines of that section after
    a line starting "What helps", or every line if they did not head it."""
    section = AboutMeSection.objects.filter(person=person, part=Part.GOOD_AND_BAD_DAYS).first()
    if section is None:
        return []
    lines = [line.strip(" -•*\t") for line in section.text.splitlines() if line.strip()]
    helps: list[str] = []
    taking = False
    for line in lines:
        lowered = line.lower()
        if lowered.startswith("what helps"):
            taking = True
            rest = line.split(":", 1)[1].strip() if ":" in line else ""
            if rest:
                helps.append(rest)
            continue
        if lowered.startswith(("what does not help", "what doesn't help", "a bad day")):
            taking = False
            continue
        if taking:
            helps.append(line)
    return helps


# --- Versions in plain words ----------------------------------------------------------


@dataclass(frozen=True)
class WordChange:
    kind: str  # "same", "added" or "taken_out"
    text: str


_TOKEN = re.compile(r"\w+(?:'\w+)?|[^\w\s]")
_WORD = re.compile(r"\w")  # a word starts here: "_" and every letter or digit, as in _TOKEN


def _join(tokens: list[str]) -> str:
    """Words with spaces between them, but none before punctuation."""
    text = ""
    for token in tokens:
        if text and (_WORD.match(token) or token[0] in "“(\"'"):
            text += " "
        text += token
    return text


def word_changes(before: str, after: str) -> list[WordChange]:
    """What changed between two texts, word by word, for showing with <ins> and <del>.
    Punctuation counts as its own word, so "Swimming." to "Swimming and cycling." is an
    addition of "and cycling", not a replacement."""
    old, new = _TOKEN.findall(before), _TOKEN.findall(after)
    changes = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op == "equal":
            changes.append(WordChange("same", _join(old[i1:i2])))
            continue
        if i2 > i1:
            changes.append(WordChange("taken_out", _join(old[i1:i2])))
        if j2 > j1:
            changes.append(WordChange("added", _join(new[j1:j2])))
    return changes


def describe_change(*, who: str, before: str, after: str) -> str:
    """One plain sentence: "You added “…”", "Sam took out “…”", or both."""
    changes = word_changes(before, after)
    added = " … ".join(c.text for c in changes if c.kind == "added")
    taken = " … ".join(c.text for c in changes if c.kind == "taken_out")

    def short(text: str) -> str:
        return text if len(text) <= 60 else text[:59] + "…"

    if added and taken:
        return f"{who} took out “{short(taken)}” and added “{short(added)}”"
    if added:
        return f"{who} added “{short(added)}”"
    if taken:
        return f"{who} took out “{short(taken)}”"
    return f"{who} saved it without changes"


@dataclass(frozen=True)
class SectionVersion:
    number: int
    history_id: int
    part: str
    label: str
    text: str
    when: Any
    summary: str


def about_me_history(*, person: Person, viewer: Any = None) -> list[SectionVersion]:
    """Every saved version of every About me section, newest first, in plain words. Given a
    viewer, only the sections whose history they may see (a supporter: the parts shared with
    them)."""
    history = AboutMeSection.history.model.objects.filter(person_id=person.pk).select_related(
        "history_user"
    )
    if viewer is not None:
        history = history.filter(
            part__in=[
                part
                for part in ABOUT_ME_PARTS
                if viewer.has_perm("people.see_history", PersonPart(person, part))
            ]
        )
    by_part: dict[str, list[Any]] = {}
    for record in history.order_by("history_date", "history_id"):
        by_part.setdefault(record.part, []).append(record)
    versions = []
    for part, records in by_part.items():
        previous = ""
        number = 0
        for record in records:
            if record.text == previous and record.history_type != "+":
                continue
            if record.history_type == "+" and not record.text:
                continue
            number += 1
            user = record.history_user
            who = (
                "You"
                if user is not None and user.pk == person.user_id
                else (user.display_name if user is not None else "Someone")
            )
            summary = describe_change(who=who, before=previous, after=record.text)
            if record.history_change_reason:
                summary += f" ({record.history_change_reason}, you said yes)"
            versions.append(
                SectionVersion(
                    number=number,
                    history_id=record.history_id,
                    part=part,
                    label=Part(part).label,
                    text=record.text,
                    when=record.history_date,
                    summary=summary,
                )
            )
            previous = record.text
    return sorted(versions, key=lambda v: v.when, reverse=True)


def plan_changes(
    before: PlanVersion | None, after: PlanVersion
) -> list[tuple[str, list[WordChange]]]:
    """For each part of the plan that differs, the word changes."""
    result = []
    for name in PLAN_FIELDS:
        old = getattr(before, name) if before else ""
        new = getattr(after, name)
        if old != new:
            label = field_label(PlanVersion, name)
            result.append((label[0].upper() + label[1:], word_changes(old, new)))
    old_date = before.review_date if before else None
    if old_date != after.review_date:
        result.append(
            (
                "Review date",
                [
                    WordChange("taken_out", str(old_date or "")),
                    WordChange("added", str(after.review_date or "")),
                ],
            )
        )
    return result


def my_team(*, person: Person) -> QuerySet[StaffMember]:
    """The support workers and managers at the person's service."""
    return (
        StaffMember.objects.filter(
            services=person.service,
            role__in=[StaffMember.Role.SUPPORT_WORKER, StaffMember.Role.SERVICE_MANAGER],
        )
        .select_related("user")
        .order_by("role", "user__display_name")
    )


def changes_shown_to(
    *, person: Person, viewer: Any, limit: int | None = 200
) -> QuerySet[RecordChange]:
    """The most recent changes to a person's record that `viewer` may read: a change that
    tells something of a part (a goal's words, money spent) only if they may see that part."""
    allowed = visible_parts(viewer, person)
    hidden = [action for action, part in PART_OF_CHANGE.items() if part not in allowed]
    return person.changes.exclude(action__in=hidden).select_related("changed_by")[:limit]


# --- Fetching for the pages ------------------------------------------------------------------


def supporters_with_users(*, person: Person) -> QuerySet[Supporter]:
    """The person's supporters, with their accounts."""
    return person.supporters.select_related("user")


def supporter_of(*, person: Person, supporter_id: Any) -> Supporter | None:
    """One of the person's supporters, with their account, or None."""
    return person.supporters.select_related("user").filter(pk=supporter_id).first()


def waiting_about_me_proposals(*, person: Person) -> QuerySet[Proposal]:
    """Suggestions waiting for an answer about the person's About me (not their plan)."""
    return waiting_proposals(person=person).exclude(part=Part.PLAN)


def waiting_plan_proposals(*, person: Person) -> QuerySet[Proposal]:
    """Suggestions waiting for an answer about the person's plan."""
    return waiting_proposals(person=person).filter(part=Part.PLAN)


def about_me_by_part(*, person: Person) -> dict[str, AboutMeSection]:
    """The person's About me sections, by part."""
    return {s.part: s for s in person.about_me.all()}


def proposal_of(*, person: Person, proposal_id: Any) -> Proposal | None:
    """One suggestion about the person, or None (one about someone else is not there)."""
    return person.proposals.filter(pk=proposal_id).first()
