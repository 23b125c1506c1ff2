"""The journey from the issue, through the pages: a person signs up as a quality checker,
is trained, checks their own home in easy read; a "not good" becomes an action the manager
answers; the coverage page shows their service covered and the share rise."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from alongside.organisations.models import StaffMember
from alongside.quality.models import (
    Answer,
    AnswerPhoto,
    Face,
    QualityAction,
    QualityCheck,
    QualityChecker,
)
from tests.conftest import move_to_day
from tests.factories import (
    ChecklistFactory,
    PersonFactory,
    ProviderFactory,
    QualityCheckerFactory,
    QualityCheckFactory,
    RegionFactory,
    ServiceFactory,
    StaffMemberFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def org() -> dict[str, Any]:
    provider = ProviderFactory()
    region = RegionFactory(organisation=provider)
    home = ServiceFactory(organisation=provider, region=region, name="Willow House")
    ServiceFactory(organisation=provider, region=region, name="Elm Court")
    return {
        "provider": provider,
        "home": home,
        "person": PersonFactory(service=home),
        "lead": StaffMemberFactory(organisation=provider, role=StaffMember.Role.QUALITY_LEAD).user,
        "manager": StaffMemberFactory(
            organisation=provider, role=StaffMember.Role.SERVICE_MANAGER, services=[home]
        ).user,
    }


def _answers_post(check: QualityCheck, faces: list[str], **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"done_on": timezone.localdate().isoformat(), "summary": ""}
    for statement, face in zip(check.checklist.statements.order_by("pk"), faces, strict=True):
        data[f"face_{statement.pk}"] = face
        data[f"comment_{statement.pk}"] = f"Seen at {statement.key}"
    data.update(extra)
    return data


def test_a_person_signs_up_checks_their_home_and_the_manager_answers(
    org: dict[str, Any], signed_in_client: Any
) -> None:
    person, lead, manager = org["person"], org["lead"], org["manager"]
    as_lead = signed_in_client(lead)
    coverage = as_lead.get(reverse("quality:coverage"))
    assert "0 of 2 services (0%)" in coverage.content.decode()

    # The person volunteers.
    as_person = signed_in_client(person.user)
    response = as_person.post(
        reverse("quality:volunteer"),
        {
            "needs": ["companion", "easy_read"],
            "checks_per_month": "2",
            "checks_in_region": "no",
            "availability": "Mornings",
            "agree": "on",
        },
    )
    assert response.status_code == 302
    checker = QualityChecker.objects.get(person=person)
    assert checker.how_signed_up == QualityChecker.HowSignedUp.VOLUNTEERED
    assert checker.needs == ["companion", "easy_read"]

    # The quality lead records their training: their home is now covered.
    response = as_lead.post(
        reverse("quality:checker", args=[checker.pk]),
        {
            "form": "training",
            "training-module": "basics",
            "training-completed_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    coverage = as_lead.get(reverse("quality:coverage"))
    assert "1 of 2 services (50%)" in coverage.content.decode()

    # A check of their own home is planned; they do it in easy read.
    check = QualityCheckFactory(checker=checker, service=org["home"], checklist=ChecklistFactory())
    home = as_person.get(reverse("web:person-home")).content.decode()
    assert reverse("quality:do-check", args=[check.pk]) in home
    page = as_person.get(reverse("quality:do-check", args=[check.pk]))
    assert "For each question, choose a face." in page.content.decode()
    response = as_person.post(
        reverse("quality:do-check", args=[check.pk]),
        _answers_post(check, [Face.GOOD, Face.NOT_GOOD, Face.OK]),
    )
    assert response.status_code == 302
    report = as_person.get(reverse("quality:check", args=[check.pk])).content.decode()
    assert "1 thing was not good. The manager must answer it." in report
    # The manager reads the full report, and can show the easy-read one at the service.
    full = signed_in_client(manager).get(reverse("quality:check", args=[check.pk]))
    assert "What the checker found" in full.content.decode()
    assert "Someone to go with me" in full.content.decode()
    easy = signed_in_client(manager).get(
        reverse("quality:check", args=[check.pk]), {"version": "easy"}
    )
    assert "1 thing was not good. The manager must answer it." in easy.content.decode()

    # The "not good" is an action the manager answers; a re-check is planned.
    action = QualityAction.objects.get()
    as_manager = signed_in_client(manager)
    assert as_manager.get(reverse("quality:actions")).status_code == 200
    response = as_manager.post(
        reverse("quality:action", args=[action.pk]),
        {"response": "We put the bus times on the board.", "version": "1"},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == QualityAction.Status.ANSWERED
    assert QualityCheck.objects.filter(re_check_of=check, checker=checker).exists()


def _jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (52.0, 38.0, 0.0)}
    out = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_a_photo_of_the_wrong_type_is_refused_and_nothing_is_saved(
    org: dict[str, Any], signed_in_client: Any
) -> None:
    checker = QualityCheckerFactory(person=org["person"])
    check = QualityCheckFactory(checker=checker, service=org["home"])
    first = check.checklist.statements.order_by("pk").first()
    upload = SimpleUploadedFile("notes.txt", b"not a picture", content_type="image/jpeg")
    response = signed_in_client(org["person"].user).post(
        reverse("quality:do-check", args=[check.pk]),
        _answers_post(check, [Face.GOOD] * 3, **{f"photo_{first.pk}": upload}),
    )
    assert response.status_code == 200
    assert "The photo must be a JPG or PNG picture." in response.content.decode()
    assert response.content.decode().count("<title>Error: ") == 1
    check.refresh_from_db()
    assert check.status == QualityCheck.Status.PLANNED
    assert not Answer.objects.exists()


def test_an_uploaded_photo_is_stored_without_its_location_and_shown_to_the_manager(
    org: dict[str, Any], signed_in_client: Any
) -> None:
    checker = QualityCheckerFactory(person=org["person"])
    check = QualityCheckFactory(checker=checker, service=org["home"])
    first = check.checklist.statements.order_by("pk").first()
    upload = SimpleUploadedFile("garden.jpg", _jpeg_with_gps(), content_type="image/jpeg")
    response = signed_in_client(org["person"].user).post(
        reverse("quality:do-check", args=[check.pk]),
        _answers_post(check, [Face.GOOD] * 3, **{f"photo_{first.pk}": upload}),
    )
    assert response.status_code == 302
    photo = AnswerPhoto.objects.get()
    assert not Image.open(io.BytesIO(bytes(photo.data))).getexif()
    shown = signed_in_client(org["manager"]).get(reverse("quality:photo", args=[photo.pk]))
    assert shown.status_code == 200 and shown["Content-Type"] == "image/jpeg"
    assert b"Exif" not in shown.content


def test_the_quality_lead_accepts_a_proposal_and_the_check_is_planned(
    org: dict[str, Any], signed_in_client: Any
) -> None:
    checker = QualityCheckerFactory(person=org["person"])
    checklist = ChecklistFactory()
    as_lead = signed_in_client(org["lead"])
    assert as_lead.post(reverse("quality:planner")).status_code == 302
    proposal = checker.plan_proposals.get()
    assert proposal.service == org["home"]
    response = as_lead.post(
        reverse("quality:proposal", args=[proposal.pk]),
        {"decision": "accept", "checker": str(checker.pk), "checklist": str(checklist.pk)},
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == "accepted"
    assert proposal.planned_check is not None and proposal.planned_check.checker == checker


def test_the_results_table_links_each_number_to_the_checks_behind_it(
    org: dict[str, Any], signed_in_client: Any
) -> None:
    checker = QualityCheckerFactory(person=org["person"])
    check = QualityCheckFactory(
        checker=checker, service=org["home"], status="done", done_on=timezone.localdate()
    )
    statement = check.checklist.statements.first()
    Answer.objects.create(quality_check=check, statement=statement, face=Face.NOT_GOOD)
    as_manager = signed_in_client(org["manager"])
    page = as_manager.get(reverse("quality:results")).content.decode()
    link = f"{reverse('quality:result-checks')}?statement={statement.pk}&amp;face=not_good"
    assert link in page
    behind = as_manager.get(
        reverse("quality:result-checks"), {"statement": statement.pk, "face": "not_good"}
    )
    assert reverse("quality:check", args=[check.pk]) in behind.content.decode()


def test_the_results_page_title_is_only_its_name_with_no_table_inside(
    org: dict[str, Any], signed_in_client: Any
) -> None:
    checker = QualityCheckerFactory(person=org["person"])
    check = QualityCheckFactory(
        checker=checker, service=org["home"], status="done", done_on=timezone.localdate()
    )
    Answer.objects.create(
        quality_check=check, statement=check.checklist.statements.first(), face=Face.GOOD
    )
    page = signed_in_client(org["manager"]).get(reverse("quality:results")).content.decode()
    title = page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert title == "Quality check results by I statement – Alongside"
    # The trends table is on the page once, in its body.
    assert page.count("Good or OK, for each I statement, in the last quarters</caption>") == 1


@pytest.mark.parametrize(
    "url_name",
    [
        "quality:coverage",
        "quality:checkers",
        "quality:actions",
        "quality:results",
        "quality:planner",
    ],
)
def test_quality_lists_take_a_bounded_number_of_queries(
    url_name: str, org: dict[str, Any], signed_in_client: Any, django_assert_max_num_queries: Any
) -> None:
    for _ in range(12):
        service = ServiceFactory(organisation=org["provider"], region=org["home"].region)
        checker = QualityCheckerFactory(person=PersonFactory(service=service))
        check = QualityCheckFactory(
            checker=checker, service=service, status="done", done_on=timezone.localdate()
        )
        answer = Answer.objects.create(
            quality_check=check, statement=check.checklist.statements.first(), face=Face.NOT_GOOD
        )
        QualityAction.objects.create(answer=answer, service=service, due_on=timezone.localdate())
    client = signed_in_client(org["lead"])
    # The planner page also works out why nobody was proposed: a fixed few queries more.
    with django_assert_max_num_queries(30 if url_name == "quality:planner" else 20):
        assert client.get(reverse(url_name)).status_code == 200


def test_a_manager_signs_up_a_person_who_said_yes_and_the_day_is_recorded(
    org: dict[str, Any], signed_in_client: Any, clock: Any
) -> None:
    move_to_day(clock, datetime.date(2026, 11, 9))  # a week after they said yes
    person = org["person"]
    as_manager = signed_in_client(org["manager"])
    listing = as_manager.get(reverse("quality:sign-up-list")).content.decode()
    assert reverse("quality:sign-up", args=[person.pk]) in listing
    refused = as_manager.post(
        reverse("quality:sign-up", args=[person.pk]),
        {"consent_given_on": "2026-11-02", "checks_per_month": "1", "checks_in_region": "no"},
    )
    assert "Tick the box to confirm they said yes" in refused.content.decode()
    assert not QualityChecker.objects.exists()
    response = as_manager.post(
        reverse("quality:sign-up", args=[person.pk]),
        {
            "consent_given_on": "2026-11-02",
            "checks_per_month": "1",
            "checks_in_region": "no",
            "agree": "on",
        },
    )
    assert response.status_code == 302
    checker = QualityChecker.objects.get(person=person)
    assert checker.how_signed_up == QualityChecker.HowSignedUp.SIGNED_UP_WITH_CONSENT
    assert str(checker.consent_given_on) == "2026-11-02"
    assert checker.signed_up_by == org["manager"]


def test_the_quality_lead_assigns_a_checker_to_another_service_and_it_counts_as_covered(
    org: dict[str, Any], signed_in_client: Any
) -> None:
    checker = QualityCheckerFactory(person=org["person"])
    elm = org["provider"].services.get(name="Elm Court")
    as_lead = signed_in_client(org["lead"])
    assert "1 of 2 services (50%)" in as_lead.get(reverse("quality:coverage")).content.decode()
    response = as_lead.post(
        reverse("quality:checker", args=[checker.pk]),
        {
            "needs": ["quiet_time"],
            "availability": "Mornings",
            "checks_per_month": "3",
            "checks_in_region": "no",
            "other_services": [str(elm.pk)],
            "version": "1",
        },
    )
    assert response.status_code == 302
    checker.refresh_from_db()
    assert list(checker.other_services.all()) == [elm]
    assert checker.checks_per_month == 3 and checker.needs == ["quiet_time"]
    assert "2 of 2 services (100%)" in as_lead.get(reverse("quality:coverage")).content.decode()
    # The person can see that the quality lead looked at their checker details.
    from alongside.audit.models import RecordView

    assert RecordView.objects.filter(person=org["person"], viewer=org["lead"]).exists() is False
    as_lead.get(reverse("quality:checker", args=[checker.pk]))
    assert RecordView.objects.filter(person=org["person"], viewer=org["lead"]).exists()


def test_results_can_be_narrowed_to_one_region(org: dict[str, Any], signed_in_client: Any) -> None:
    south = RegionFactory(organisation=org["provider"], name="South")
    far = ServiceFactory(organisation=org["provider"], region=south, name="Far House")
    for service, face in [(org["home"], Face.GOOD), (far, Face.NOT_GOOD)]:
        checker = QualityCheckerFactory(person=PersonFactory(service=service))
        check = QualityCheckFactory(
            checker=checker, service=service, status="done", done_on=timezone.localdate()
        )
        Answer.objects.create(
            quality_check=check, statement=check.checklist.statements.first(), face=face
        )
    as_lead = signed_in_client(org["lead"])
    everywhere = as_lead.get(reverse("quality:results")).content.decode()
    assert "checks answered “Good”" in everywhere and "checks answered “Not good”" in everywhere
    south_only = as_lead.get(reverse("quality:results"), {"region": south.pk}).content.decode()
    assert "the services in South" in south_only
    assert "checks answered “Not good”" in south_only
    assert "checks answered “Good”" not in south_only


@pytest.mark.parametrize("statement", ["first", "", "1e3", "١", "99999999999999999999"])
def test_a_statement_that_is_not_a_number_gets_a_plain_message(
    statement: str, org: dict[str, Any], signed_in_client: Any
) -> None:
    response = signed_in_client(org["manager"]).get(
        reverse("quality:result-checks"), {"statement": statement, "face": "not_good"}
    )
    assert response.status_code == 400
    assert "We could not tell which I statement you meant." in response.content.decode()


@pytest.mark.parametrize("region", ["²", "south", "99999999999999999999"])
def test_a_region_that_is_not_one_is_ignored_on_the_checks_behind_a_result(
    region: str, org: dict[str, Any], signed_in_client: Any
) -> None:
    checker = QualityCheckerFactory(person=org["person"])
    check = QualityCheckFactory(
        checker=checker, service=org["home"], status="done", done_on=timezone.localdate()
    )
    statement = check.checklist.statements.first()
    Answer.objects.create(quality_check=check, statement=statement, face=Face.NOT_GOOD)
    response = signed_in_client(org["manager"]).get(
        reverse("quality:result-checks"),
        {"statement": statement.pk, "face": "not_good", "region": region},
    )
    assert response.status_code == 200
    assert reverse("quality:check", args=[check.pk]) in response.content.decode()
