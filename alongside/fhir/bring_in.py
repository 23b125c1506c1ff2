"""Bringing a person's record in from a FHIR Bundle exported by Alongside.

`read_bundle` checks the file and says in plain words what is wrong; it writes nothing.
`what_it_fills_in` is the check the person sees first. The person's words change only when
the person agrees: `bring_in` writes them when the person brings their own record in, and
turns them into suggestions (the About me and plan suggestions the person answers) when a
service manager brings it in with them.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import transaction
from pydantic import ValidationError as PydanticValidationError

from alongside.people import about_me
from alongside.people.models import PLAN_FIELDS, AboutMeSection, Person, PlanVersion, field_label
from alongside.people.sharing import ABOUT_ME_PARTS, Part

from . import codes
from .export import _birth_date, _patient_identifiers

if TYPE_CHECKING:
    from alongside.accounts.models import User

# A Bundle bigger than this is not one of ours (a whole record with years of check-ins is
# far smaller): refused before it is read.
MOST_BYTES = 20 * 1024 * 1024


class BundleRefused(Exception):
    """The file cannot be brought in. `message` says why, in plain words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Incoming:
    """What a Bundle would fill in: About me sections and the parts of the plan."""

    about_me: dict[str, str] = field(default_factory=dict)
    plan: dict[str, str] | None = None
    review_date: datetime.date | None = None

    @property
    def is_empty(self) -> bool:
        return not self.about_me and self.plan is None


@dataclass(frozen=True)
class Line:
    """One line of the check: what, the words coming in, and what is there now."""

    title: str
    text: str
    now: str


def _load_json(raw: bytes | str) -> Any:
    if len(raw) > MOST_BYTES:
        raise BundleRefused("This file is too big to be a record exported by Alongside.")
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise BundleRefused(
            "This file is not a FHIR record: it is not JSON. Choose the FHIR file "
            "downloaded from Alongside."
        ) from None


def _check_version(data: dict[str, Any]) -> None:
    tags = ((data.get("meta") or {}).get("tag")) or []
    versions = [
        t.get("code")
        for t in tags
        if isinstance(t, dict) and t.get("system") == codes.FHIR_VERSION_SYSTEM
    ]
    wrong = [v for v in versions if v not in codes.ACCEPTED_VERSIONS]
    if wrong:
        raise BundleRefused(
            f"This record is FHIR version {wrong[0]}. Alongside brings in FHIR R4 "
            "(4.0.1 or 4.3.0) only."
        )


def read_bundle(raw: bytes | str) -> Any:
    """The file as a validated FHIR R4 Bundle, or BundleRefused with the reason."""
    from fhir.resources.R4B.bundle import Bundle

    data = _load_json(raw)
    if not isinstance(data, dict) or data.get("resourceType") != "Bundle":
        raise BundleRefused(
            "This file is FHIR, but not a Bundle: it holds one record, not a whole person's "
            "record. Choose the FHIR file downloaded from Alongside."
            if isinstance(data, dict) and data.get("resourceType")
            else "This file is not a FHIR record. Choose the FHIR file downloaded from Alongside."
        )
    _check_version(data)
    try:
        bundle = Bundle.model_validate(data)
    except (PydanticValidationError, ValueError, TypeError) as error:
        raise BundleRefused(_invalid_words(data, error)) from None
    return bundle


def _invalid_words(data: dict[str, Any], error: Exception) -> str:
    # An R5 Bundle fails R4 validation: say so rather than list the fields.
    try:
        from fhir.resources.bundle import Bundle as R5Bundle

        R5Bundle.model_validate(data)
    except Exception:  # noqa: S110 - not R5 either: the plain "not valid" below
        pass
    else:
        return "This record is FHIR R5. Alongside brings in FHIR R4 (4.0.1 or 4.3.0) only."
    where = ""
    errors = getattr(error, "errors", None)
    if callable(errors):
        first = errors()[0] if errors() else {}
        location = ".".join(str(p) for p in first.get("loc", ()))
        if location:
            where = f" The first problem is at “{location}”."
    return "Some of this record is not valid FHIR R4, so none of it was brought in." + where


def _resources(bundle: Any) -> list[Any]:
    return [e.resource for e in (bundle.entry or []) if e.resource is not None]


def check_patient(bundle: Any, person: Person) -> None:
    """The Bundle must be this person's: their NHS number when both have one, otherwise
    their full name and (when both know it) date of birth."""
    patients = [r for r in _resources(bundle) if r.get_resource_type() == "Patient"]
    if len(patients) != 1:
        raise BundleRefused(
            "This record has no person in it."
            if not patients
            else "This record has more than one person in it. Bring in one person's record."
        )
    patient = patients[0]
    theirs = {
        i.value.replace(" ", "")
        for i in patient.identifier or []
        if i.system == codes.NHS_NUMBER_SYSTEM and i.value
    }
    ours = {
        i["value"] for i in _patient_identifiers(person) if i["system"] == codes.NHS_NUMBER_SYSTEM
    }
    not_theirs = f"This record is not {person.preferred_name}'s"
    if theirs and ours:
        if not theirs & ours:
            raise BundleRefused(f"{not_theirs}: the NHS number is different.")
        return
    official = [n.text for n in patient.name or [] if n.use in (None, "official") and n.text]
    if not any(_same_name(name, person.full_name) for name in official):
        raise BundleRefused(f"{not_theirs}: the name on it is different.")
    ours_born = _birth_date(person)
    if patient.birthDate and ours_born and patient.birthDate != ours_born:
        raise BundleRefused(f"{not_theirs}: the date of birth is different.")


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def incoming(bundle: Any) -> Incoming:
    """The About me sections and plan the Bundle holds, as Alongside's own fields."""
    found = Incoming()
    for resource in _resources(bundle):
        kind = resource.get_resource_type()
        if (
            kind == "QuestionnaireResponse"
            and resource.questionnaire == codes.ABOUT_ME_QUESTIONNAIRE
        ):
            for item in resource.item or []:
                if item.linkId in ABOUT_ME_PARTS and item.answer:
                    text = "\n".join(a.valueString for a in item.answer if a.valueString)
                    if text.strip():
                        found.about_me[item.linkId] = text.strip()
        elif kind == "CarePlan" and resource.status == "active" and found.plan is None:
            plan: dict[str, str] = {}
            for activity in resource.activity or []:
                detail = activity.detail
                coding = (detail.code.coding or []) if detail and detail.code else []
                for c in coding:
                    if c.system == codes.PLAN_PART_SYSTEM and c.code in PLAN_FIELDS:
                        plan[c.code] = (detail.description or "").strip()
            if any(plan.values()):
                found.plan = plan
                if resource.period and resource.period.end:
                    found.review_date = _as_date(resource.period.end)
    return found


def _as_date(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def read_for_person(raw: bytes | str, *, person: Person) -> Incoming:
    """Everything checked: a valid R4 Bundle, this person's, with something to bring in."""
    bundle = read_bundle(raw)
    check_patient(bundle, person)
    found = incoming(bundle)
    if found.is_empty:
        raise BundleRefused(
            "This record has no About me and no plan in it, so there is nothing to bring in."
        )
    return found


def what_it_fills_in(*, person: Person, found: Incoming) -> list[Line]:
    """The check shown before anything is written: each section and plan part coming in,
    beside what is written now."""
    saved = {s.part: s.text for s in AboutMeSection.objects.filter(person=person)}
    lines = [
        Line(title=str(Part(part).label), text=found.about_me[part], now=saved.get(part, ""))
        for part in ABOUT_ME_PARTS
        if part in found.about_me
    ]
    if found.plan is not None:
        current = about_me.current_plan(person=person)
        for name in PLAN_FIELDS:
            label = field_label(PlanVersion, name)
            text = found.plan.get(name, "")
            if text:
                now = getattr(current, name) if current else ""
                lines.append(Line(title=f"My plan: {label}", text=text, now=now))
    return lines


@dataclass(frozen=True)
class BroughtIn:
    written: int
    suggested: int


def bring_in(*, person: Person, found: Incoming, by: User) -> BroughtIn:
    """Bring the record in. The person's own act writes their About me and plan at once
    (their own words, as when they write them). Anyone else's becomes suggestions that wait
    for the person's yes on their suggestions page. Unchanged sections are left alone."""
    is_the_person = by.pk == person.user_id
    written = suggested = 0
    with transaction.atomic():
        for part, text in found.about_me.items():
            section = about_me.section_for(person=person, part=part)
            if section.text == text:
                continue
            if is_the_person:
                about_me.write_about_me_section(
                    person=person,
                    part=part,
                    text=text,
                    written_by=by,
                    expected_version=section.version,
                )
                written += 1
            else:
                about_me.propose_about_me_change(
                    person=person,
                    part=part,
                    text=text,
                    proposed_by=by,
                    note="Brought in from a record from another provider",
                )
                suggested += 1
        if found.plan is not None:
            texts: dict[str, Any] = {name: found.plan.get(name, "") for name in PLAN_FIELDS}
            texts["review_date"] = found.review_date
            current = about_me.current_plan(person=person)
            same = current is not None and all(getattr(current, k) == v for k, v in texts.items())
            if not same and is_the_person:
                about_me.write_plan(
                    person=person,
                    written_by=by,
                    expected_current_id=current.pk if current else None,
                    **texts,
                )
                written += 1
            elif not same:
                about_me.propose_plan_change(
                    person=person,
                    proposed_by=by,
                    note="Brought in from a record from another provider",
                    **texts,
                )
                suggested += 1
    return BroughtIn(written=written, suggested=suggested)
