"""Writing About me and the support plan, and answering suggestions from staff.

The person's words change only by the person (or a supporter they allow). Staff suggest;
a suggestion takes effect only when the person says yes. Every version is kept, with who.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from alongside.audit.services import record_change
from alongside.concurrency import EditConflict
from alongside.saving import save_and_record, set_history_user

from .models import PLAN_FIELDS, AboutMeSection, Person, PlanVersion, Proposal
from .sharing import ABOUT_ME_PARTS, Part
from .signals import plan_change_suggested

if TYPE_CHECKING:
    from alongside.accounts.models import User


class SectionConflict(EditConflict):
    """Someone saved this section after the editor opened it. Carries the saved section."""

    message = "Someone else changed this while you were writing."


class PlanConflict(EditConflict):
    """The plan changed while the writer was writing. Carries the current version (or None)."""

    message = "The plan changed while you were writing."


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _who(user: User | None, person: Person) -> str:
    if user is None:
        return "Someone"
    return "You" if user.pk == person.user_id else user.display_name


def section_for(*, person: Person, part: str) -> AboutMeSection:
    """The person's section for `part`, made empty (version 0) if never written."""
    if part not in ABOUT_ME_PARTS:
        raise ValidationError("That is not a part of About me.")
    section, _ = AboutMeSection.objects.get_or_create(person=person, part=part)
    return section


def write_about_me_section(
    *, person: Person, part: str, text: str, written_by: User, expected_version: int
) -> AboutMeSection:
    """Save the person's own words for one section. Raises SectionConflict if someone else
    saved it since `expected_version`; the caller keeps the writer's words."""
    section = section_for(person=person, part=part)
    before = section.text
    section.text = text.strip()
    section.updated_at = timezone.now()
    section.updated_by = written_by
    verb = "added" if not before else "changed"
    save_and_record(
        obj=section,
        by=written_by,
        expected_version=expected_version,
        conflict=SectionConflict,
        person=person,
        action="about_me_written",
        summary=f"{_who(written_by, person)} {verb} “{section.get_part_display()}”",
    )
    return section


def propose_about_me_change(
    *, person: Person, part: str, text: str, proposed_by: User, note: str = ""
) -> Proposal:
    """A staff member suggests new words for one section. Nothing changes until the
    person says yes."""
    section = section_for(person=person, part=part)
    if text.strip() == section.text:
        raise ValidationError({"proposed_text": "This is the same as what is written now."})
    return _suggest(
        person=person,
        part=part,
        proposed_by=proposed_by,
        note=note,
        based_on_version=section.version,
        proposed_text=text.strip(),
        what=f"“{section.get_part_display()}”",
    )


def _suggest(
    *,
    person: Person,
    part: str,
    proposed_by: User,
    note: str,
    based_on_version: int,
    what: str,
    **content: Any,
) -> Proposal:
    proposal = Proposal(
        person=person,
        part=part,
        note=note.strip(),
        based_on_version=based_on_version,
        proposed_by=proposed_by,
        **content,
    )
    save_and_record(
        obj=proposal,
        by=proposed_by,
        person=person,
        action="suggested",
        summary=f"{proposed_by.display_name} suggested a change to {what}",
    )
    return proposal


def _next_plan_number(person: Person) -> int:
    top = person.plan_versions.aggregate(top=Max("number"))["top"]
    return (top or 0) + 1


def current_plan(*, person: Person) -> PlanVersion | None:
    return person.plan_versions.filter(status=PlanVersion.Status.CURRENT).first()


def write_plan(
    *, person: Person, written_by: User, expected_current_id: int | None, **texts: Any
) -> PlanVersion:
    """The person (or a supporter allowed to agree it) writes a new version of their plan,
    which becomes current at once. Raises PlanConflict if the plan changed meanwhile."""
    with transaction.atomic():
        # Lock the person's row so two writers are ordered; the loser sees the conflict.
        Person.objects.select_for_update().get(pk=person.pk)
        current = current_plan(person=person)
        if (current.pk if current else None) != expected_current_id:
            raise PlanConflict(current)
        version = _new_plan_version(
            person=person,
            based_on=current,
            written_by=written_by,
            texts=texts,
            status=PlanVersion.Status.CURRENT,
        )
        _make_current(person=person, version=version, agreed_by=written_by)
        record_change(
            person=person,
            changed_by=written_by,
            action="plan_written",
            summary=f"{_who(written_by, person)} wrote version {version.number} of the plan",
        )
    return version


def _new_plan_version(
    *,
    person: Person,
    based_on: PlanVersion | None,
    written_by: User,
    texts: dict[str, Any],
    status: str,
) -> PlanVersion:
    unknown = set(texts) - {*PLAN_FIELDS, "review_date"}
    if unknown:
        raise ValidationError(f"Unknown plan parts: {sorted(unknown)}")
    version = PlanVersion(person=person, based_on=based_on, written_by=written_by, status=status)
    for name in (*PLAN_FIELDS, "review_date"):
        value = texts.get(name, getattr(based_on, name) if based_on else None)
        if name != "review_date":
            value = (value or "").strip()
        setattr(version, name, value)
    if status == PlanVersion.Status.CURRENT:
        version.number = _next_plan_number(person)
        version.status = PlanVersion.Status.SUGGESTED  # made current by _make_current
    version.full_clean()
    version.save()
    return version


def _make_current(*, person: Person, version: PlanVersion, agreed_by: User) -> None:
    person.plan_versions.filter(status=PlanVersion.Status.CURRENT).update(
        status=PlanVersion.Status.EARLIER
    )
    version.status = PlanVersion.Status.CURRENT
    version.number = version.number or _next_plan_number(person)
    version.agreed_by = agreed_by
    version.agreed_at = timezone.now()
    version.save(update_fields=["status", "number", "agreed_by", "agreed_at"])


def propose_plan_change(
    *, person: Person, proposed_by: User, note: str = "", **texts: Any
) -> Proposal:
    """Staff suggest a new version of the plan. It waits for the person's answer."""
    with transaction.atomic():
        current = current_plan(person=person)
        version = _new_plan_version(
            person=person,
            based_on=current,
            written_by=proposed_by,
            texts=texts,
            status=PlanVersion.Status.SUGGESTED,
        )
        if current and all(
            getattr(version, f) == getattr(current, f) for f in (*PLAN_FIELDS, "review_date")
        ):
            raise ValidationError({"__all__": "This is the same as the plan now."})
        proposal = _suggest(
            person=person,
            part=Part.PLAN,
            proposed_by=proposed_by,
            note=note,
            based_on_version=(current.number or 0) if current else 0,
            plan_version=version,
            what="the plan",
        )
        plan_change_suggested.send(sender=Proposal, proposal=proposal)
        return proposal


def answer_proposal(*, proposal: Proposal, answered_by: User, accept: bool) -> Proposal:
    """Say yes or no to a suggestion. Yes applies it; no needs no reason.

    A suggestion made before later changes only changes what it suggested: parts that the
    suggestion left alone keep the newer words.
    """
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().select_related("person").get(pk=proposal.pk)
        if proposal.status != Proposal.Status.WAITING:
            raise ValidationError("This suggestion has already been answered.")
        person = proposal.person
        who = proposal.proposed_by.display_name if proposal.proposed_by else "Someone"
        label = proposal.get_part_display()
        if accept and proposal.part == Part.PLAN:
            _accept_plan(proposal=proposal, answered_by=answered_by)
        elif accept:
            section = section_for(person=person, part=proposal.part)
            section.text = proposal.proposed_text
            section.version += 1
            section.updated_at = timezone.now()
            section.updated_by = answered_by
            set_history_user(section, answered_by)
            section._change_reason = f"{who} suggested it"  # type: ignore[attr-defined]
            section.save()
        elif proposal.plan_version_id:
            PlanVersion.objects.filter(pk=proposal.plan_version_id).update(
                status=PlanVersion.Status.NOT_AGREED
            )
        proposal.status = Proposal.Status.ACCEPTED if accept else Proposal.Status.DECLINED
        proposal.decided_by = answered_by
        proposal.decided_at = timezone.now()
        proposal.save(update_fields=["status", "decided_by", "decided_at"])
        answer = "said yes" if accept else "said no"
        responder = "you" if answered_by.pk == person.user_id else answered_by.display_name
        record_change(
            person=person,
            changed_by=answered_by,
            action="suggestion_answered",
            summary=f"{who} suggested a change to “{label}”, {responder} {answer}",
        )
    return proposal


def _accept_plan(*, proposal: Proposal, answered_by: User) -> None:
    suggested = proposal.plan_version
    if suggested is None:
        raise PermissionDenied
    person = proposal.person
    current = current_plan(person=person)
    base = suggested.based_on
    if current is not None and base is not None and current.pk != base.pk:
        # Later changes were made: keep them where the suggestion did not touch the part.
        for name in (*PLAN_FIELDS, "review_date"):
            if getattr(suggested, name) == getattr(base, name):
                setattr(suggested, name, getattr(current, name))
        suggested.based_on = current
        suggested.save()
    _make_current(person=person, version=suggested, agreed_by=answered_by)
