from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alongside.fhir import codes
from alongside.fhir.export import record_bundle
from alongside.people.about_me import write_about_me_section, write_plan
from alongside.people.models import AboutMeSection, PlanVersion, Proposal
from alongside.people.sharing import ABOUT_ME_PARTS, Part
from tests.conftest import sign_in
from tests.factories import PersonFactory, ServiceFactory, StaffMemberFactory
from tests.world import World, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db: Any) -> World:
    return build_world()


def _exported(person: Any) -> dict[str, Any]:
    """The person's own export, as the file they download."""
    return json.loads(record_bundle(person=person, viewer=person.user).model_dump_json())


def _record_elsewhere(full_name: str = "Josephine Bloggs") -> dict[str, Any]:
    """A Bundle exported for Josie by her last provider (another organisation)."""
    before = PersonFactory(full_name=full_name, preferred_name="Josie", what_matters="")
    write_about_me_section(
        person=before,
        part=Part.WHAT_MATTERS,
        text="My cat Biscuit.",
        written_by=before.user,
        expected_version=0,
    )
    write_plan(
        person=before,
        written_by=before.user,
        expected_current_id=None,
        my_goals="Cook my own tea.",
        risks="I take the bus on my own.",
    )
    return _exported(before)


def _upload(client: Client, person: Any, content: bytes | str) -> Any:
    raw = content.encode() if isinstance(content, str) else content
    return client.post(
        reverse("fhir:bring-in", kwargs={"person_id": person.pk}),
        {"bundle_file": SimpleUploadedFile("record.json", raw, content_type="application/json")},
    )


def _agree(client: Client, person: Any, bundle: str, **extra: str) -> Any:
    return client.post(
        reverse("fhir:bring-in", kwargs={"person_id": person.pk}), {"bundle": bundle, **extra}
    )


def _nothing_written(person: Any) -> bool:
    return (
        not AboutMeSection.objects.filter(person=person).exclude(text="").exists()
        and not PlanVersion.objects.filter(person=person).exists()
        and not Proposal.objects.filter(person=person).exists()
    )


def _new_person() -> Any:
    return PersonFactory(full_name="Josephine Bloggs", preferred_name="Jo", what_matters="")


def test_the_person_sees_what_it_will_fill_in_and_it_is_written_only_when_they_say_yes() -> None:
    bundle = json.dumps(_record_elsewhere())
    person = _new_person()
    client = sign_in(Client(), person.user)

    check = _upload(client, person, bundle)

    page = check.content.decode()
    assert "This will fill in" in page
    assert "My cat Biscuit." in page
    assert "I take the bus on my own." in page
    assert _nothing_written(person)  # only the check so far

    _agree(client, person, check.context["form"]["bundle"].value())

    section = AboutMeSection.objects.get(person=person, part=Part.WHAT_MATTERS)
    assert section.text == "My cat Biscuit."
    assert section.updated_by == person.user
    plan = PlanVersion.objects.get(person=person, status=PlanVersion.Status.CURRENT)
    assert (plan.my_goals, plan.risks) == ("Cook my own tea.", "I take the bus on my own.")
    assert plan.agreed_by == person.user


def test_a_manager_at_a_second_organisation_brings_it_in_as_suggestions_the_person_answers() -> (
    None
):
    bundle = json.dumps(_record_elsewhere())
    service = ServiceFactory()
    person = PersonFactory(
        service=service, full_name="Josephine Bloggs", preferred_name="Jo", what_matters=""
    )
    manager = StaffMemberFactory(
        organisation=service.organisation, role="service_manager", services=[service]
    ).user
    client = sign_in(Client(), manager)
    check = _upload(client, person, bundle)
    shown = check.context["form"]["bundle"].value()

    # Without saying the person is there and agrees: asked again, nothing written.
    refused = _agree(client, person, shown)
    assert "Say that Jo is with you and wants this brought in" in refused.content.decode()
    assert _nothing_written(person)

    _agree(client, person, shown, with_the_person="on")

    # Nothing of the person's words changes until they say yes.
    assert not AboutMeSection.objects.filter(person=person).exclude(text="").exists()
    assert not PlanVersion.objects.filter(person=person, status="current").exists()
    waiting = Proposal.objects.filter(person=person, status=Proposal.Status.WAITING)
    assert sorted(p.part for p in waiting) == ["plan", "what_matters"]
    about_me = waiting.get(part=Part.WHAT_MATTERS)
    assert about_me.proposed_text == "My cat Biscuit."
    assert about_me.proposed_by == manager

    person_client = sign_in(Client(), person.user)
    for proposal in waiting:
        person_client.post(
            reverse(
                "people:proposal-answer",
                kwargs={"person_id": person.pk, "proposal_id": proposal.pk},
            ),
            {"answer": "yes"},
        )
    assert AboutMeSection.objects.get(person=person, part=Part.WHAT_MATTERS).text == (
        "My cat Biscuit."
    )
    assert PlanVersion.objects.get(person=person, status="current").my_goals == "Cook my own tea."


def _r5_bundle() -> str:
    # R5 Bundle: `issues` is new in R5 and unknown to R4.
    return json.dumps(
        {
            "resourceType": "Bundle",
            "type": "collection",
            "issues": {"resourceType": "OperationOutcome", "issue": []},
        }
    )


def _tagged(version: str) -> str:
    bundle = _record_elsewhere()
    bundle["meta"]["tag"] = [{"system": codes.FHIR_VERSION_SYSTEM, "code": version}]
    return json.dumps(bundle)


def _invalid_resource() -> str:
    bundle = _record_elsewhere()
    plan = next(e for e in bundle["entry"] if e["resource"]["resourceType"] == "CarePlan")
    plan["resource"]["status"] = 42  # not a code
    plan["resource"]["intent"] = {"not": "a code"}
    return json.dumps(bundle)


def _someone_else() -> str:
    return json.dumps(_record_elsewhere(full_name="Someone Else Entirely"))


def _no_about_me_or_plan() -> str:
    bundle = _record_elsewhere()
    bundle["entry"] = [e for e in bundle["entry"] if e["resource"]["resourceType"] == "Patient"]
    return json.dumps(bundle)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: "this is not json {", "it is not JSON"),
        (lambda: b"\xff\xfe\x00garbage", "it is not JSON"),
        (lambda: json.dumps({"resourceType": "Patient"}), "This file is FHIR, but not a Bundle"),
        (lambda: json.dumps([1, 2, 3]), "This file is not a FHIR record"),
        (lambda: _tagged("5.0.0"), "This record is FHIR version 5.0.0"),
        (_r5_bundle, "This record is FHIR R5"),
        (_invalid_resource, "Some of this record is not valid FHIR R4"),
        (_someone_else, "This record is not Jo's: the name on it is different"),
        (_no_about_me_or_plan, "there is nothing to bring in"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_writes_nothing(
    make: Any, message: str
) -> None:
    content = make()
    person = _new_person()
    client = sign_in(Client(), person.user)

    response = _upload(client, person, content)

    assert response.status_code == 200
    assert message in response.context["form"].errors["bundle_file"][0]
    assert "There is a problem" in response.content.decode()
    assert _nothing_written(person)
    # Sent straight to "yes" (a changed page), it is checked again and still refused.
    # (Bytes that are no text at all cannot come back in a form: asked to choose it again.)
    is_text = isinstance(content, str)
    again = _agree(client, person, content if is_text else content.decode("latin-1"))
    expected = message if is_text else "Choose the file again"
    assert expected in again.context["form"].errors["bundle_file"][0]
    assert _nothing_written(person)


def test_a_different_nhs_number_is_refused_even_when_the_name_matches(world: World) -> None:
    from alongside.fhir.bring_in import BundleRefused, check_patient, read_bundle

    bundle = _record_elsewhere()
    patient = bundle["entry"][0]["resource"]
    patient["identifier"].append({"system": codes.NHS_NUMBER_SYSTEM, "value": "9434765919"})
    person = _new_person()
    person.nhs_number = "4010232137"
    with pytest.raises(BundleRefused, match="the NHS number is different"):
        check_patient(read_bundle(json.dumps(bundle)), person)
    person.nhs_number = "943 476 5919"
    check_patient(read_bundle(json.dumps(bundle)), person)  # the same person: accepted


def test_nobody_else_may_bring_a_record_in(world: World) -> None:
    bundle = json.dumps(_exported(world.person))
    worker = sign_in(Client(), world.users["worker_in_service"])
    response = _upload(worker, world.person, bundle)
    assert response.status_code == 404
    assert not Proposal.objects.filter(person=world.person).exists()


def _comparable(bundle: dict[str, Any]) -> list[dict[str, Any]]:
    """About me and the plan, ignoring ids, timestamps and what names the person."""
    kept = []
    for entry in bundle["entry"]:
        resource = copy.deepcopy(entry["resource"])
        if resource["resourceType"] not in ("QuestionnaireResponse", "CarePlan"):
            continue
        for key in ("id", "created", "authored", "subject", "author"):
            resource.pop(key, None)
        kept.append(resource)
    return kept


words = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc", "Zl", "Zp"]),
    max_size=60,
).map(lambda t: " ".join(t.split()))


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    about_me=st.dictionaries(st.sampled_from([p.value for p in ABOUT_ME_PARTS]), words),
    plan=st.fixed_dictionaries(
        {
            "my_goals": words.filter(bool),
            "support_with": words,
            "how_i_like_support": words,
            "who_supports_me": words,
            "my_medicines": words,
            "risks": words,
        }
    ),
)
def test_export_then_bring_in_then_export_gives_the_same_record(
    about_me: dict[str, str], plan: dict[str, str]
) -> None:
    before = PersonFactory(full_name="Josephine Bloggs", what_matters="")
    for part, text in about_me.items():
        write_about_me_section(
            person=before, part=part, text=text, written_by=before.user, expected_version=0
        )
    write_plan(person=before, written_by=before.user, expected_current_id=None, **plan)
    exported = _exported(before)

    after = _new_person()
    client = sign_in(Client(), after.user)
    check = _upload(client, after, json.dumps(exported))
    _agree(client, after, check.context["form"]["bundle"].value())

    assert _comparable(_exported(after)) == _comparable(exported)
