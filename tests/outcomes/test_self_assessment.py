"""The Making It Real self-assessment: rated together, once a year, with evidence and
actions, and progress shown year on year."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from alongside.organisations.models import StaffMember
from alongside.outcomes import services
from alongside.outcomes.models import Rating, SelfAssessment, WeStatement
from alongside.outcomes.reference import ensure_we_statements
from alongside.outcomes.selectors import self_assessment_progress
from alongside.quality.models import Theme
from tests.conftest import sign_in
from tests.factories import (
    ProviderFactory,
    QualityCheckerFactory,
    ServiceFactory,
    StaffMemberFactory,
)
from tests.outcomes.test_charts import read_chart

pytestmark = pytest.mark.django_db


def _lead(organisation: Any = None) -> Any:
    return StaffMemberFactory(
        role=StaffMember.Role.QUALITY_LEAD, organisation=organisation or ProviderFactory()
    )


def _start(lead: Any, year: int = 2026, **kwargs: Any) -> SelfAssessment:
    return services.start_self_assessment(
        organisation=lead.organisation,
        year=year,
        started_by=lead.user,
        people_taking_part=kwargs.get("people", "Josie"),
        checkers=kwargs.get("checkers", []),
    )


class TestWeStatements:
    def test_every_theme_of_the_starter_edition_has_its_we_statements(self) -> None:
        edition = ensure_we_statements()
        themes = Theme.objects.filter(edition=edition)
        assert themes.count() == 6
        assert all(WeStatement.objects.filter(theme=t).exists() for t in themes)
        assert WeStatement.objects.filter(
            text="We answer every suggestion and say what we did about it."
        ).exists()

    def test_loading_again_changes_nothing(self) -> None:
        ensure_we_statements()
        before = list(WeStatement.objects.values_list("pk", "text"))
        ensure_we_statements()
        assert list(WeStatement.objects.values_list("pk", "text")) == before


class TestTakingPart:
    def test_an_assessment_with_nobody_we_support_taking_part_is_refused_with_a_clear_message(
        self,
    ) -> None:
        lead = _lead()
        with pytest.raises(ValidationError) as error:
            _start(lead, people="  ")
        assert services.TAKING_PART_MESSAGE in error.value.message_dict["people_taking_part"]
        assert not SelfAssessment.objects.exists()

    def test_a_quality_checker_taking_part_is_enough(self) -> None:
        lead = _lead()
        checker = QualityCheckerFactory(
            person__service=ServiceFactory(organisation=lead.organisation)
        )
        assessment = _start(lead, people="", checkers=[checker])
        assert list(assessment.checkers_taking_part.all()) == [checker]

    def test_saving_ratings_without_anyone_taking_part_is_refused(self) -> None:
        lead = _lead()
        assessment = _start(lead)
        with pytest.raises(ValidationError):
            services.save_self_assessment(
                assessment=assessment,
                changed_by=lead.user,
                expected_version=assessment.version,
                ratings={},
                people_taking_part="",
                checkers=[],
                staff_taking_part="Kyle",
            )


class TestOnceAYear:
    def test_a_second_assessment_for_the_same_year_is_refused(self) -> None:
        lead = _lead()
        _start(lead, year=2026)
        with pytest.raises(ValidationError) as error:
            _start(lead, year=2026)
        assert "already a self-assessment for 2026" in str(error.value)
        assert SelfAssessment.objects.count() == 1

    def test_another_year_or_another_organisation_may_have_its_own(self) -> None:
        lead = _lead()
        _start(lead, year=2025)
        _start(lead, year=2026)
        _start(_lead(), year=2026)
        assert SelfAssessment.objects.count() == 3


class TestRatingsAndProgress:
    def _rate(self, lead: Any, assessment: SelfAssessment, ratings: dict[int, Any]) -> None:
        services.save_self_assessment(
            assessment=assessment,
            changed_by=lead.user,
            expected_version=assessment.version,
            ratings=ratings,
            people_taking_part="Josie",
            checkers=[],
            staff_taking_part="",
        )

    def test_progress_year_on_year_is_the_share_rated_getting_there_or_better(self) -> None:
        lead = _lead()
        first = _start(lead, year=2025)
        statements = list(WeStatement.objects.filter(theme__edition=first.edition))
        self._rate(
            lead,
            first,
            {
                s.pk: (Rating.NOT_YET if i % 2 else Rating.GETTING_THERE, "")
                for i, s in enumerate(statements)
            },
        )
        second = _start(lead, year=2026)
        self._rate(lead, second, {s.pk: (Rating.DOING_WELL, "We do") for s in statements})

        progress = self_assessment_progress(
            SelfAssessment.objects.filter(organisation=lead.organisation)
        )

        half = round(100 * len(statements[::2]) / len(statements))
        assert progress.years == [2025, 2026]
        assert progress.overall == [("All We statements", [f"{half}%", "100%"])]
        assert progress.rows[0][0] == "Wellbeing and independence"
        drawn = read_chart(progress.chart)
        assert [(b.label, b.words, b.width) for b in drawn.bars] == [
            ("2025", f"{half}%", f"{half}%"),
            ("2026", "100%", "100%"),
        ]

    def test_one_year_is_one_bar_and_no_year_is_no_chart(self) -> None:
        lead = _lead()
        mine = SelfAssessment.objects.filter(organisation=lead.organisation)
        assert self_assessment_progress(mine).chart == ""
        only = _start(lead, year=2026)
        statements = WeStatement.objects.filter(theme__edition=only.edition)
        self._rate(lead, only, {s.pk: (Rating.DOING_WELL, "We do") for s in statements})

        drawn = read_chart(self_assessment_progress(mine).chart)

        assert [(b.label, b.words) for b in drawn.bars] == [("2026", "100%")]
        assert drawn.description.startswith("1 bar, one for each year (the table's last row)")

    def test_a_second_saver_is_told_and_nothing_of_theirs_overwrites_the_first(self) -> None:
        lead = _lead()
        assessment = _start(lead)
        statement = WeStatement.objects.filter(theme__edition=assessment.edition).first()
        assert statement is not None
        opened_at = assessment.version
        self._rate(lead, assessment, {statement.pk: (Rating.STARTING, "First words")})
        stale = SelfAssessment.objects.get(pk=assessment.pk)
        with pytest.raises(services.AssessmentConflict):
            services.save_self_assessment(
                assessment=stale,
                changed_by=lead.user,
                expected_version=opened_at,
                ratings={statement.pk: (Rating.DOING_WELL, "Second words")},
                people_taking_part="Josie",
                checkers=[],
                staff_taking_part="",
            )
        assert assessment.ratings.get().evidence == "First words"

    def test_evidence_without_a_rating_is_refused_in_plain_words(self) -> None:
        lead = _lead()
        assessment = _start(lead)
        statement = WeStatement.objects.filter(theme__edition=assessment.edition).first()
        assert statement is not None
        client = sign_in(Client(), lead.user)
        response = client.post(
            reverse("outcomes:self-assessment", args=[assessment.pk]),
            {
                "form": "ratings",
                "version": assessment.version,
                "people_taking_part": "Josie",
                f"evidence_{statement.pk}": "We do this well",
            },
        )
        assert response.status_code == 400
        assert "Choose how well we do it" in response.content.decode()
        assert not assessment.ratings.exists()


class TestPages:
    def test_a_quality_lead_starts_rates_and_adds_an_action(self) -> None:
        lead = _lead()
        client = sign_in(Client(), lead.user)
        response = client.post(
            reverse("outcomes:self-assessments"),
            {"year": "2026", "people_taking_part": "Josie and Ravi", "staff_taking_part": ""},
        )
        assessment = SelfAssessment.objects.get()
        assert response.status_code == 302
        statement = WeStatement.objects.filter(theme__edition=assessment.edition).first()
        assert statement is not None
        response = client.post(
            reverse("outcomes:self-assessment", args=[assessment.pk]),
            {
                "form": "ratings",
                "version": assessment.version,
                "people_taking_part": "Josie and Ravi",
                f"rating_{statement.pk}": str(Rating.GETTING_THERE),
                f"evidence_{statement.pk}": "People's meeting minutes",
            },
        )
        assert response.status_code == 302
        response = client.post(
            reverse("outcomes:self-assessment", args=[assessment.pk]),
            {
                "form": "action",
                "what": "Easy-read minutes",
                "who": "Ravi with Kyle",
                "by_when": "2027-01-31",
                "statement": str(statement.pk),
            },
        )
        assert response.status_code == 302
        page = client.get(
            reverse("outcomes:self-assessment", args=[assessment.pk])
        ).content.decode()
        assert "People&#x27;s meeting minutes" in page
        assert "Ravi with Kyle" in page
        assert assessment.actions.get().by_when == datetime.date(2027, 1, 31)

    def test_starting_with_nobody_taking_part_shows_the_message_and_saves_nothing(self) -> None:
        lead = _lead()
        client = sign_in(Client(), lead.user)
        response = client.post(reverse("outcomes:self-assessments"), {"year": "2026"})
        assert response.status_code == 400
        page = response.content.decode()
        assert "<title>Error:" in page
        assert "Name at least one person we support or one quality checker" in page
        assert not SelfAssessment.objects.exists()


class TestManagersRead:
    def test_a_service_manager_reads_the_assessment_but_cannot_start_or_rate_one(self) -> None:
        lead = _lead()
        assessment = _start(lead)
        manager = StaffMemberFactory(
            role=StaffMember.Role.SERVICE_MANAGER, organisation=lead.organisation
        )
        client = sign_in(Client(), manager.user)
        page = client.get(reverse("outcomes:self-assessment", args=[assessment.pk]))
        assert page.status_code == 200
        assert "Save the ratings" not in page.content.decode()
        assert (
            client.post(reverse("outcomes:self-assessments"), {"year": "2027"}).status_code == 403
        )
        response = client.post(
            reverse("outcomes:self-assessment", args=[assessment.pk]),
            {"form": "action", "what": "x", "who": "y", "by_when": "2027-01-01"},
        )
        assert response.status_code == 404
        assert not assessment.actions.exists()
