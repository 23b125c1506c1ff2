"""A person's record as a FHIR R4 Bundle (R4B models from `fhir.resources`).

Built from the resources' own models, so what leaves is valid FHIR. The viewer gets only the
parts the person shares with them: each part asks the one policy, as the pages and the
download do. Nothing here decides who may see what.
"""

from __future__ import annotations

import datetime
from typing import Any, TypeVar

from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.careplan import CarePlan
from fhir.resources.R4B.consent import Consent
from fhir.resources.R4B.goal import Goal as FhirGoal
from fhir.resources.R4B.patient import Patient
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from fhir.resources.R4B.relatedperson import RelatedPerson
from fhir.resources.R4B.resource import Resource

from alongside.people import selectors as people_selectors
from alongside.people.models import PLAN_FIELDS, AboutMeSection, Person, PlanVersion, field_label
from alongside.people.sharing import ABOUT_ME_PARTS, Audience, Part
from alongside.policy import PersonPart, visible_parts

from . import codes

# How a goal's progress reads in FHIR: (lifecycleStatus, achievementStatus code).
GOAL_STATUS: dict[str, tuple[str, str | None]] = {
    "not_started": ("planned", "no-progress"),
    "getting_there": ("active", "in-progress"),
    "done": ("completed", "achieved"),
    "changed_my_mind": ("cancelled", None),
}

AUDIENCE_WORDS = {a.value: str(a.label) for a in Audience}

R = TypeVar("R", bound=Resource)


def _make(model: type[R], **fields: Any) -> R:
    """One resource, validated by its `fhir.resources` model (empty fields left out)."""
    return model.model_validate({k: v for k, v in fields.items() if v is not None})


def _patient_identifiers(person: Person) -> list[dict[str, Any]]:
    """Alongside's own identifier, and the NHS number (UK Core's system) when known."""
    identifiers: list[dict[str, Any]] = []
    nhs_number = (person.nhs_number or "").replace(" ", "")
    if nhs_number:
        identifiers.append({"system": codes.NHS_NUMBER_SYSTEM, "value": nhs_number})
    identifiers.append({"system": codes.PERSON_ID_SYSTEM, "value": str(person.pk)})
    return identifiers


def _birth_date(person: Person) -> datetime.date | None:
    """The person's date of birth when known."""
    return person.date_of_birth


def _ref(kind: str, pk: object, display: str = "") -> dict[str, Any]:
    reference: dict[str, Any] = {"reference": codes.full_url(kind, pk)}
    if display:
        reference["display"] = display
    return reference


def patient_resource(person: Any) -> Patient:
    """The person: their full name (official) and the name they like (usual), as UK Core."""
    names: list[dict[str, Any]] = [{"use": "official", "text": person.full_name}]
    if person.preferred_name and person.preferred_name != person.full_name:
        names.append({"use": "usual", "text": person.preferred_name})
    return _make(
        Patient,
        id=codes.resource_id("patient", person.pk),
        identifier=_patient_identifiers(person),
        active=True,
        name=names,
        birthDate=_birth_date(person),
    )


def _patient_ref(person: Person) -> dict[str, Any]:
    return _ref("patient", person.pk, person.preferred_name)


def related_people(person: Person) -> list[RelatedPerson]:
    return [
        _make(
            RelatedPerson,
            id=codes.resource_id("supporter", s.pk),
            identifier=[{"system": codes.SUPPORTER_ID_SYSTEM, "value": str(s.pk)}],
            active=s.is_active,
            patient=_patient_ref(person),
            relationship=[{"text": s.relationship}],
            name=[{"text": s.user.display_name}],
        )
        for s in person.supporters.select_related("user").order_by("pk")
    ]


def about_me_response(person: Person, parts: set[Any]) -> QuestionnaireResponse:
    """About me, one item per PRSB About Me section the viewer may see, in the person's
    words. An empty section is an item with no answer."""
    saved = {s.part: s.text for s in AboutMeSection.objects.filter(person=person)}
    items = []
    for part in ABOUT_ME_PARTS:
        if part not in parts:
            continue
        item: dict[str, Any] = {"linkId": part.value, "text": str(part.label)}
        if saved.get(part):
            item["answer"] = [{"valueString": saved[part]}]
        items.append(item)
    return _make(
        QuestionnaireResponse,
        id=codes.resource_id("about-me", person.pk),
        questionnaire=codes.ABOUT_ME_QUESTIONNAIRE,
        status="completed",
        subject=_patient_ref(person),
        author=_patient_ref(person),
        item=items or None,
    )


def care_plan(person: Person, plan: PlanVersion) -> CarePlan:
    """The plan the person agreed, part by part in their own words: each part is an
    activity whose code names the part. Its version is an identifier; `created` is when
    the person agreed it."""
    activities = []
    for name in PLAN_FIELDS:
        label = field_label(PlanVersion, name)
        detail: dict[str, Any] = {
            "code": {
                "coding": [{"system": codes.PLAN_PART_SYSTEM, "code": name, "display": label}],
                "text": label[0].upper() + label[1:],
            },
            "status": "in-progress",
        }
        text = getattr(plan, name)
        if text:
            detail["description"] = text
        activities.append({"detail": detail})
    agreed = plan.agreed_at
    return _make(
        CarePlan,
        id=codes.resource_id("plan", plan.pk),
        identifier=[{"system": codes.PLAN_VERSION_SYSTEM, "value": str(plan.number)}],
        status="active",
        intent="plan",
        title="My support plan",
        subject=_patient_ref(person),
        author=_patient_ref(person),
        created=timezone.localtime(agreed).isoformat() if agreed else None,
        period={"end": plan.review_date.isoformat()} if plan.review_date else None,
        activity=activities,
    )


def goals(person: Person) -> list[FhirGoal]:
    from alongside.reviews.models import Goal

    resources = []
    for goal in Goal.objects.filter(person=person).order_by("created_at", "pk"):
        lifecycle, achievement = GOAL_STATUS[goal.progress]
        resources.append(
            _make(
                FhirGoal,
                id=codes.resource_id("goal", goal.pk),
                identifier=[{"system": codes.GOAL_ID_SYSTEM, "value": str(goal.pk)}],
                lifecycleStatus=lifecycle,
                achievementStatus=(
                    {
                        "coding": [{"system": codes.GOAL_ACHIEVEMENT_SYSTEM, "code": achievement}],
                        "text": goal.get_progress_display(),
                    }
                    if achievement
                    else {"text": goal.get_progress_display()}
                ),
                description={"text": goal.words},
                subject=_patient_ref(person),
                startDate=timezone.localtime(goal.created_at).date(),
                statusDate=goal.progress_changed_on,
            )
        )
    return resources


def check_in_responses(person: Person, *, with_helps: bool) -> list[QuestionnaireResponse]:
    """Each daily check-in. What would help is left out unless the viewer may see it."""
    from alongside.everyday.models import CheckIn

    resources = []
    for check_in in CheckIn.objects.filter(person=person).order_by("on", "pk"):
        items: list[dict[str, Any]] = [
            {
                "linkId": "feeling",
                "text": "How I feel",
                "answer": [
                    {
                        "valueCoding": {
                            "system": f"{codes.BASE}/CodeSystem/feeling",
                            "code": str(check_in.feeling),
                            "display": check_in.get_feeling_display(),
                        }
                    }
                ],
            }
        ]
        if with_helps and check_in.helps:
            items.append(
                {
                    "linkId": "helps",
                    "text": "What would help today",
                    "answer": [{"valueString": h} for h in check_in.helps],
                }
            )
        if check_in.note:
            items.append(
                {
                    "linkId": "note",
                    "text": "Anything else",
                    "answer": [{"valueString": check_in.note}],
                }
            )
        items.append(
            {
                "linkId": "with_support",
                "text": "Done with a support worker",
                "answer": [{"valueBoolean": check_in.with_support}],
            }
        )
        resources.append(
            _make(
                QuestionnaireResponse,
                id=codes.resource_id("check-in", check_in.pk),
                questionnaire=codes.CHECK_IN_QUESTIONNAIRE,
                status="completed",
                subject=_patient_ref(person),
                authored=check_in.on.isoformat(),
                item=items,
            )
        )
    return resources


def _audience_actor(person: Person, audience: str, supporters: dict[int, Any]) -> dict[str, Any]:
    kind, _, number = audience.partition(":")
    if kind == "supporter" and number.isdigit() and int(number) in supporters:
        supporter = supporters[int(number)]
        return {
            "role": {"text": f"A supporter: {supporter.relationship}"},
            "reference": _ref("supporter", supporter.pk, supporter.user.display_name),
        }
    words = AUDIENCE_WORDS.get(audience, audience)
    return {
        "role": {"coding": [{"system": codes.AUDIENCE_SYSTEM, "code": audience}], "text": words},
        "reference": {"display": words},
    }


def consent(person: Person) -> Consent:
    """The person's sharing choices: for each part of the record, who they let see it."""
    supporters = {s.pk: s for s in person.supporters.select_related("user")}
    provisions = []
    for part in Part:
        audiences = (person.sharing or {}).get(part.value, [])
        provisions.append(
            {
                "type": "permit",
                "code": [
                    {
                        "coding": [{"system": codes.RECORD_PART_SYSTEM, "code": part.value}],
                        "text": str(part.label),
                    }
                ],
                "actor": [_audience_actor(person, a, supporters) for a in audiences] or None,
            }
        )
    return _make(
        Consent,
        id=codes.resource_id("sharing", person.pk),
        status="active",
        scope={"coding": [{"system": codes.CONSENT_SCOPE_SYSTEM, "code": "patient-privacy"}]},
        category=[
            {
                "coding": [
                    {"system": codes.CONSENT_CATEGORY_SYSTEM, "code": codes.CONSENT_CATEGORY_CODE}
                ]
            }
        ],
        patient=_patient_ref(person),
        policyRule={"text": "Who I share each part of my record with, chosen by me."},
        provision={"type": "deny", "provision": provisions},
    )


def record_bundle(*, person: Person, viewer: Any) -> Bundle:
    """Everything of the person's record that `viewer` may see, as one FHIR Bundle."""
    allowed = visible_parts(viewer, person)
    sees_supporters = viewer.has_perm("people.see_supporters_and_sharing", person)
    resources: list[Resource] = [patient_resource(person)]
    if sees_supporters:
        resources += related_people(person)
    about_me_parts = {p for p in ABOUT_ME_PARTS if p in allowed}
    if about_me_parts:
        resources.append(about_me_response(person, about_me_parts))
    if Part.PLAN in allowed:
        plan = people_selectors.current_plan(person=person)
        if plan is not None:
            resources.append(care_plan(person, plan))
    if viewer.has_perm("reviews.see_reviews", PersonPart(person, Part.REVIEWS)):
        resources += goals(person)
    if viewer.has_perm("everyday.see_check_ins", PersonPart(person, Part.TODAY)):
        with_helps = viewer.has_perm("everyday.see_what_helps", person)
        resources += check_in_responses(person, with_helps=with_helps)
    if sees_supporters:
        resources.append(consent(person))
    return _make(
        Bundle,
        id=codes.resource_id("bundle", f"{person.pk}:{timezone.now().isoformat()}"),
        meta={
            "profile": [codes.BUNDLE_PROFILE],
            "tag": [{"system": codes.FHIR_VERSION_SYSTEM, "code": codes.FHIR_VERSION}],
        },
        type="collection",
        timestamp=timezone.now().isoformat(),
        entry=[{"fullUrl": f"urn:uuid:{r.id}", "resource": r} for r in resources],
    )


def record_bundle_json(*, person: Person, viewer: Any) -> str:
    """The Bundle as FHIR JSON text."""
    return record_bundle(person=person, viewer=viewer).model_dump_json(indent=2)
