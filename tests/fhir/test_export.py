from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle

from alongside.audit.models import RecordView
from alongside.fhir import codes
from alongside.fhir.export import _birth_date, _patient_identifiers, patient_resource
from alongside.people.about_me import write_about_me_section, write_plan
from alongside.people.sharing import Audience, Part, SupporterScope
from tests.conftest import sign_in
from tests.factories import CheckInFactory, GoalFactory, PersonFactory, SupporterFactory, share_with
from tests.world import World, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db: Any) -> World:
    return build_world()


def _resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def _about_me_items(bundle: dict[str, Any]) -> dict[str, str]:
    [about_me] = [
        r
        for r in _resources(bundle, "QuestionnaireResponse")
        if r["questionnaire"] == codes.ABOUT_ME_QUESTIONNAIRE
    ]
    return {
        item["linkId"]: item["answer"][0]["valueString"] if "answer" in item else ""
        for item in about_me["item"]
    }


def _export(client: Client, person_id: int) -> dict[str, Any]:
    response = client.get(reverse("api:person-fhir", kwargs={"pk": person_id}))
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/fhir+json")
    return json.loads(response.content)


def _full_record(world: World) -> None:
    person = world.person
    person.full_name = "Josephine Bloggs"
    person.preferred_name = "Josie"
    person.save()
    write_about_me_section(
        person=person,
        part=Part.WHAT_MATTERS,
        text="My cat Biscuit and Saturday swimming.",
        written_by=person.user,
        expected_version=1,
    )
    write_about_me_section(
        person=person,
        part=Part.COMMUNICATION,
        text="I point at pictures when I am tired.",
        written_by=person.user,
        expected_version=0,
    )
    write_plan(
        person=person,
        written_by=person.user,
        expected_current_id=None,
        my_goals="I want to cook my own tea.",
        support_with="Shopping on Tuesdays.",
        review_date=datetime.date(2027, 3, 1),
    )
    GoalFactory(person=person, words="Cook spaghetti on my own.", progress="getting_there")
    CheckInFactory(
        person=person,
        on=datetime.date(2026, 12, 1),
        feeling=2,
        helps=["A walk"],
        note="Tired after the dentist.",
    )


def test_the_persons_own_export_is_a_valid_bundle_with_every_part_in_their_words(
    world: World,
) -> None:
    _full_record(world)
    bundle = _export(sign_in(Client(), world.person.user), world.person.pk)

    Bundle.model_validate(bundle)  # valid FHIR R4 (R4B models)
    assert bundle["type"] == "collection"
    assert bundle["meta"]["tag"] == [{"system": codes.FHIR_VERSION_SYSTEM, "code": "4.3.0"}]
    [patient] = _resources(bundle, "Patient")
    assert {"use": "official", "text": "Josephine Bloggs"} in patient["name"]
    assert {"use": "usual", "text": "Josie"} in patient["name"]
    assert patient["identifier"] == [
        {"system": codes.PERSON_ID_SYSTEM, "value": str(world.person.pk)}
    ]
    about_me = _about_me_items(bundle)
    assert len(about_me) == 8  # one item per PRSB About Me section
    assert about_me["what_matters"] == "My cat Biscuit and Saturday swimming."
    assert about_me["communication"] == "I point at pictures when I am tired."
    assert about_me["routines"] == ""
    [plan] = _resources(bundle, "CarePlan")
    parts = {a["detail"]["code"]["coding"][0]["code"]: a["detail"] for a in plan["activity"]}
    assert parts["my_goals"]["description"] == "I want to cook my own tea."
    assert parts["support_with"]["description"] == "Shopping on Tuesdays."
    assert "description" not in parts["risks"]
    assert plan["identifier"] == [{"system": codes.PLAN_VERSION_SYSTEM, "value": "1"}]
    # When the person agreed it: today, on the test clock, in London.
    assert plan["created"].startswith(timezone.localdate().isoformat())
    assert plan["period"] == {"end": "2027-03-01"}
    assert plan["status"] == "active" and plan["intent"] == "plan"
    [goal] = _resources(bundle, "Goal")
    assert goal["description"]["text"] == "Cook spaghetti on my own."
    assert goal["lifecycleStatus"] == "active"
    assert goal["achievementStatus"]["coding"][0]["code"] == "in-progress"
    assert goal["achievementStatus"]["text"] == "Getting there"
    [check_in] = [
        r
        for r in _resources(bundle, "QuestionnaireResponse")
        if r["questionnaire"] == codes.CHECK_IN_QUESTIONNAIRE
    ]
    assert check_in["authored"] == "2026-12-01"
    answers = {i["linkId"]: i["answer"] for i in check_in["item"]}
    assert answers["feeling"][0]["valueCoding"]["display"] == "I feel low"
    assert answers["helps"] == [{"valueString": "A walk"}]
    assert answers["note"] == [{"valueString": "Tired after the dentist."}]
    supporters = _resources(bundle, "RelatedPerson")
    assert sorted(s["name"][0]["text"] for s in supporters) == sorted(
        [
            world.supporter_with_scope.user.display_name,
            world.supporter_without_scope.user.display_name,
        ]
    )
    assert supporters[0]["relationship"] == [{"text": "My brother"}]
    [consent] = _resources(bundle, "Consent")
    by_part = {p["code"][0]["coding"][0]["code"]: p for p in consent["provision"]["provision"]}
    budget_actors = [a["role"]["text"] for a in by_part["budget"]["actor"]]
    assert "My council worker" in budget_actors
    assert "My support team" not in budget_actors
    # Every reference points at a resource in the Bundle (the person's own Patient).
    assert plan["subject"]["reference"] == f"urn:uuid:{patient['id']}"


def test_a_supporter_gets_only_the_sections_the_person_shares_with_them(world: World) -> None:
    _full_record(world)
    person = world.person
    person.refresh_from_db()
    person.sharing[Part.COMMUNICATION] = [Audience.TEAM]  # no longer with the supporter
    person.sharing[Part.PLAN] = [Audience.TEAM]
    person.save()

    bundle = _export(sign_in(Client(), world.supporter_with_scope.user), person.pk)

    about_me = _about_me_items(bundle)
    assert "communication" not in about_me
    assert about_me["what_matters"] == "My cat Biscuit and Saturday swimming."
    assert _resources(bundle, "CarePlan") == []
    # Who supports the person and their sharing choices are the person's alone.
    assert _resources(bundle, "RelatedPerson") == []
    assert _resources(bundle, "Consent") == []
    assert "I point at pictures" not in json.dumps(bundle)


def test_a_support_worker_gets_only_what_the_person_shares_with_the_team(world: World) -> None:
    _full_record(world)
    person = world.person
    person.refresh_from_db()
    person.sharing[Part.WHAT_MATTERS] = [Audience.MANAGER]
    person.sharing[Part.GOOD_AND_BAD_DAYS] = [Audience.MANAGER]
    person.save()

    bundle = _export(sign_in(Client(), world.users["worker_in_service"]), person.pk)

    about_me = _about_me_items(bundle)
    assert "what_matters" not in about_me
    assert about_me["communication"] == "I point at pictures when I am tired."
    assert "Biscuit" not in json.dumps(bundle)
    # Reviews are not shared with the team by default: no goals.
    assert _resources(bundle, "Goal") == []
    # Check-ins are, but what helps comes from "good and bad days", no longer shared.
    [check_in] = [
        r
        for r in _resources(bundle, "QuestionnaireResponse")
        if r["questionnaire"] == codes.CHECK_IN_QUESTIONNAIRE
    ]
    assert "helps" not in {i["linkId"] for i in check_in["item"]}
    assert _resources(bundle, "CarePlan")[0]["activity"][0]["detail"]["description"] == (
        "I want to cook my own tea."
    )


def test_someone_who_cannot_see_the_person_is_told_it_is_missing(world: World) -> None:
    client = sign_in(Client(), world.users["worker_out_of_service"])
    response = client.get(reverse("api:person-fhir", kwargs={"pk": world.person.pk}))
    assert response.status_code == 404
    assert "Josie" not in response.content.decode()


def test_each_export_is_written_in_who_looked(world: World) -> None:
    client = sign_in(Client(), world.users["service_manager"])
    client.get(reverse("api:person-fhir", kwargs={"pk": world.person.pk}))
    [view] = RecordView.objects.filter(person=world.person)
    assert view.viewer == world.users["service_manager"]
    assert view.page == "Their record as FHIR, through the API"


def test_the_download_page_offers_fhir_beside_pdf_and_json(world: World) -> None:
    client = sign_in(Client(), world.person.user)
    page = client.get(reverse("people:download", kwargs={"person_id": world.person.pk}))
    assert reverse("fhir:download", kwargs={"person_id": world.person.pk}) in page.content.decode()
    download = client.get(reverse("fhir:download", kwargs={"person_id": world.person.pk}))
    assert download["Content-Disposition"].endswith('.fhir.json"')
    bundle = Bundle.model_validate_json(download.content)
    assert bundle.entry[0].resource.name[0].text == world.person.full_name


def test_a_supporter_downloading_gets_the_same_limits_as_the_pages(world: World) -> None:
    person = PersonFactory(what_matters="Football on Sundays.")
    supporter = SupporterFactory(person=person, scopes=[SupporterScope.DOWNLOAD])
    share_with(supporter, Part.LIKES)
    client = sign_in(Client(), supporter.user)
    download = client.get(reverse("fhir:download", kwargs={"person_id": person.pk}))
    assert "Football" not in download.content.decode()
    assert set(_about_me_items(json.loads(download.content))) == {"likes"}


def test_the_nhs_number_and_date_of_birth_are_used_when_the_person_has_them() -> None:
    person = PersonFactory.build(
        pk=7,
        full_name="Sam Jones",
        preferred_name="Sam",
        nhs_number="943 476 5919",
        date_of_birth=datetime.date(1990, 5, 17),
    )
    assert _patient_identifiers(person) == [
        {"system": "https://fhir.nhs.uk/Id/nhs-number", "value": "9434765919"},
        {"system": codes.PERSON_ID_SYSTEM, "value": "7"},
    ]
    assert _birth_date(person) == datetime.date(1990, 5, 17)
    patient = patient_resource(person)
    assert patient.birthDate == datetime.date(1990, 5, 17)
    assert patient.identifier[0].system == "https://fhir.nhs.uk/Id/nhs-number"
