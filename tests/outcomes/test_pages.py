"""The outcome pages for a service, a provider and a council: figures worked out by hand,
kept up to date, counts only, CSV the same as the table, and a fixed number of queries."""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alongside.organisations.models import StaffMember
from alongside.reviews.models import DoingWhatMatters, GoalProgress
from tests.conftest import sign_in
from tests.factories import (
    CouncilFactory,
    CouncilWorkerFactory,
    FinishedReviewFactory,
    GoalFactory,
    PersonFactory,
    ProviderFactory,
    RegionFactory,
    ReviewFactory,
    ServiceFactory,
    StaffMemberFactory,
)

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


class HandWorld:
    """Four people at one service of one council: three with a finished review this year,
    two of them saying yes (one after an earlier "not yet"), one partly; one with no review.
    Someone of another council lives there too, and a fifth person elsewhere. People with no
    review yet make each service a group of at least five (smaller groups are not shown)."""

    def __init__(self) -> None:
        today = timezone.localdate()
        self.provider = ProviderFactory()
        region = RegionFactory(organisation=self.provider)
        self.service = ServiceFactory(organisation=self.provider, region=region)
        self.elsewhere = ServiceFactory(organisation=self.provider, region=region)
        self.council = CouncilFactory()
        people = [PersonFactory(service=self.service, council=self.council) for _ in range(4)]
        self.people = people
        FinishedReviewFactory(person=people[0], doing_what_matters=DoingWhatMatters.YES)
        FinishedReviewFactory(
            person=people[1],
            completed_on=today - 40 * DAY,
            due_on=today - 40 * DAY,
            doing_what_matters=DoingWhatMatters.NOT_YET,
        )
        FinishedReviewFactory(person=people[1], doing_what_matters=DoingWhatMatters.YES)
        FinishedReviewFactory(person=people[2], doing_what_matters=DoingWhatMatters.PARTLY)
        # A review not finished yet does not count.
        ReviewFactory(person=people[3])
        # Someone of another council at the same service, and someone elsewhere.
        FinishedReviewFactory(person=PersonFactory(service=self.service, council=CouncilFactory()))
        FinishedReviewFactory(person=PersonFactory(service=self.elsewhere, council=self.council))
        PersonFactory(service=self.service, council=self.council)
        for _ in range(4):
            PersonFactory(service=self.elsewhere, council=self.council)
        for progress in GoalProgress.values:
            GoalFactory(person=people[0], progress=progress)
        self.manager = StaffMemberFactory(
            organisation=self.provider,
            role=StaffMember.Role.SERVICE_MANAGER,
            services=[self.service],
        )
        self.lead = StaffMemberFactory(
            organisation=self.provider, role=StaffMember.Role.QUALITY_LEAD
        )
        self.council_worker = CouncilWorkerFactory(council=self.council)


def _figure(response: Any, key: str) -> Any:
    return next(f for f in response.context["figures"] if f.key == key)


def _year(response: Any, key: str) -> list[Any]:
    label, cells = _figure(response, key).rows[-1]
    assert label == "Last 12 months"
    return cells


class TestDoingWhatMatters:
    def test_the_service_page_counts_two_of_three_people_with_a_finished_review(self) -> None:
        w = HandWorld()
        client = sign_in(Client(), w.manager.user)
        response = client.get(reverse("outcomes:service", args=[w.service.pk]))
        assert response.status_code == 200
        # Four people lived there with a council: the other council's person counts at the
        # service too. Five people; four finished reviews; three say yes.
        assert _year(response, "doing-what-matters") == [4, 3, 1, 0, 0, "75%"]

    def test_the_council_page_counts_only_the_councils_people_two_of_three(self) -> None:
        w = HandWorld()
        client = sign_in(Client(), w.council_worker.user)
        response = client.get(reverse("outcomes:council"))
        # The council's people: three at the service with a finished review (2 yes, 1 partly)
        # and one elsewhere (yes).
        assert _year(response, "doing-what-matters") == [4, 3, 1, 0, 0, "75%"]
        by_service = dict(response.context["by_service"].rows)
        assert by_service[w.service.name][0] == "67%"
        assert by_service[w.elsewhere.name][0] == "100%"

    def test_a_newly_finished_review_changes_the_figure(self) -> None:
        w = HandWorld()
        client = sign_in(Client(), w.council_worker.user)
        FinishedReviewFactory(person=w.people[3], doing_what_matters=DoingWhatMatters.YES)
        response = client.get(reverse("outcomes:council"))
        by_service = dict(response.context["by_service"].rows)
        assert by_service[w.service.name][0] == "75%"

    def test_the_latest_review_of_the_quarter_counts_for_each_person(self) -> None:
        w = HandWorld()
        client = sign_in(Client(), w.lead.user)
        response = client.get(reverse("outcomes:provider"))
        rows = dict(_figure(response, "doing-what-matters").rows)
        this_quarter = rows[response.context["period_label"].split(" to ")[1]]
        assert this_quarter[1] >= 3  # yes: people 0, 1 (latest), the other council's person


class TestGoals:
    def test_goals_getting_there_or_done_are_half_of_four(self) -> None:
        w = HandWorld()
        client = sign_in(Client(), w.manager.user)
        response = client.get(reverse("outcomes:service", args=[w.service.pk]))
        assert _year(response, "goals") == [4, 1, 1, 1, 1, "50%"]


class TestCountsOnly:
    def test_no_name_of_a_person_appears_on_the_council_page(self) -> None:
        w = HandWorld()
        for n, person in enumerate(w.people):
            person.preferred_name = f"Quillon{n}"
            person.full_name = f"Quillon{n} Zephyrine"
            person.save()
        client = sign_in(Client(), w.council_worker.user)
        page = client.get(reverse("outcomes:council")).content.decode()
        assert "Quillon" not in page
        assert "Zephyrine" not in page


class TestCsv:
    @pytest.mark.parametrize(
        "key",
        [
            "doing-what-matters",
            "goals",
            "check-ins",
            "suggestions",
            "chosen-workers",
            "quality",
            "quality-statements",
            "by-service",
        ],
    )
    def test_each_csv_is_the_same_as_the_table_on_the_page(self, key: str) -> None:
        w = HandWorld()
        client = sign_in(Client(), w.lead.user)
        page = client.get(reverse("outcomes:provider"))
        download = client.get(reverse("outcomes:provider-csv", args=[key]))
        assert download.status_code == 200
        assert download["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(download.content.decode())))
        table = page.context["by_service"] if key == "by-service" else _figure(page, key)
        assert rows == [[str(c) for c in row] for row in table.csv_rows()]
        html = page.content.decode()
        for label, _ in table.rows:
            assert label.replace("'", "&#x27;") in html
        assert all(str(c) in html for _, cells in table.rows for c in cells)

    def test_an_unknown_figure_is_not_found(self) -> None:
        w = HandWorld()
        client = sign_in(Client(), w.lead.user)
        assert client.get(reverse("outcomes:provider-csv", args=["names"])).status_code == 404


class TestWhoSeesWhat:
    def test_a_service_manager_sees_only_their_services_on_the_provider_page(self) -> None:
        w = HandWorld()
        client = sign_in(Client(), w.manager.user)
        response = client.get(reverse("outcomes:provider"))
        names = [name for name, _ in response.context["by_service"].rows]
        assert names == [w.service.name]

    def test_a_quality_lead_sees_every_service_of_their_organisation(self) -> None:
        w = HandWorld()
        ServiceFactory()  # another organisation's service
        client = sign_in(Client(), w.lead.user)
        response = client.get(reverse("outcomes:provider"))
        names = {name for name, _ in response.context["by_service"].rows}
        assert names == {w.service.name, w.elsewhere.name}


def _grow(w: HandWorld, services: int, people_each: int) -> None:
    region = RegionFactory(organisation=w.provider)
    for _ in range(services):
        service = ServiceFactory(organisation=w.provider, region=region)
        for _ in range(people_each):
            person = PersonFactory(service=service, council=w.council)
            FinishedReviewFactory(person=person)
            GoalFactory(person=person)


class TestQueryCounts:
    CAP = 36

    @pytest.mark.parametrize("grow", [0, 8])
    def test_the_council_page_makes_the_same_few_queries_however_many_services(
        self, grow: int, django_assert_max_num_queries: Any
    ) -> None:
        w = HandWorld()
        _grow(w, grow, 3)
        client = sign_in(Client(), w.council_worker.user)
        client.get(reverse("outcomes:council"))  # settle the roll-ups
        with django_assert_max_num_queries(self.CAP):
            assert client.get(reverse("outcomes:council")).status_code == 200

    @pytest.mark.parametrize("grow", [0, 8])
    def test_the_provider_page_makes_the_same_few_queries_however_many_services(
        self, grow: int, django_assert_max_num_queries: Any
    ) -> None:
        w = HandWorld()
        _grow(w, grow, 3)
        client = sign_in(Client(), w.lead.user)
        client.get(reverse("outcomes:provider"))
        with django_assert_max_num_queries(self.CAP):
            assert client.get(reverse("outcomes:provider")).status_code == 200


class TestLinksFromHomes:
    def test_each_role_home_links_to_its_outcome_pages(self) -> None:
        w = HandWorld()
        admin = StaffMemberFactory(organisation=w.provider, role=StaffMember.Role.ORG_ADMIN)
        expected = {
            w.manager.user: (
                "web:manager-home",
                [
                    reverse("outcomes:provider"),
                    reverse("outcomes:service", args=[w.service.pk]),
                    reverse("outcomes:self-assessments"),
                ],
            ),
            w.lead.user: (
                "web:quality-lead-home",
                [reverse("outcomes:provider"), reverse("outcomes:self-assessments")],
            ),
            admin.user: (
                "web:admin-home",
                [reverse("outcomes:provider"), reverse("outcomes:self-assessments")],
            ),
            w.council_worker.user: ("web:council-home", [reverse("outcomes:council")]),
        }
        for user, (home, links) in expected.items():
            page = sign_in(Client(), user).get(reverse(home)).content.decode()
            for link in links:
                assert f'href="{link}"' in page, (home, link)


class TestSmallGroupsAreNotShown:
    def test_a_service_of_four_people_shows_no_figures_about_them_on_its_page_or_in_its_csv(
        self,
    ) -> None:
        w = HandWorld()
        small = ServiceFactory(organisation=w.provider)
        people = [PersonFactory(service=small, council=w.council) for _ in range(4)]
        for person in people:
            FinishedReviewFactory(person=person, doing_what_matters=DoingWhatMatters.YES)
        w.manager.services.add(small)
        client = sign_in(Client(), w.manager.user)
        response = client.get(reverse("outcomes:service", args=[small.pk]))
        figure = _figure(response, "doing-what-matters")
        assert figure.rows == [("Not shown: fewer than 5 people", ["–"] * 6)]
        assert not figure.chart
        assert "could say something about one person" in response.content.decode()
        csv = client.get(reverse("outcomes:service-csv", args=[small.pk, "doing-what-matters"]))
        assert "Not shown: fewer than 5 people" in csv.content.decode()
        assert "100%" not in csv.content.decode()
        # Ideas and quality checks are not about people's own answers: still shown.
        assert _figure(response, "suggestions").hidden == ""

    def test_the_fifth_person_makes_the_figures_appear(self) -> None:
        w = HandWorld()
        small = ServiceFactory(organisation=w.provider)
        for _ in range(5):
            FinishedReviewFactory(
                person=PersonFactory(service=small, council=w.council),
                doing_what_matters=DoingWhatMatters.YES,
            )
        w.manager.services.add(small)
        client = sign_in(Client(), w.manager.user)
        response = client.get(reverse("outcomes:service", args=[small.pk]))
        assert _year(response, "doing-what-matters") == [5, 5, 0, 0, 0, "100%"]

    def test_a_small_service_shows_fewer_than_5_in_the_by_service_table(self) -> None:
        w = HandWorld()
        small = ServiceFactory(organisation=w.provider, name="Ash House")
        FinishedReviewFactory(
            person=PersonFactory(service=small, council=w.council),
            doing_what_matters=DoingWhatMatters.YES,
        )
        client = sign_in(Client(), w.lead.user)
        response = client.get(reverse("outcomes:provider"))
        by_service = dict(response.context["by_service"].rows)
        assert by_service["Ash House"][0] == "Fewer than 5 people"
        assert by_service[w.service.name][0] == "75%"
        assert _year(response, "doing-what-matters")[0] == 6  # the provider's figure counts them
