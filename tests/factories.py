"""factory-boy factories for Alongside's models."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

import factory
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from alongside.accounts.models import User
from alongside.everyday.models import CheckIn
from alongside.organisations.models import (
    CouncilWorker,
    Organisation,
    Region,
    Service,
    Skill,
    StaffMember,
)
from alongside.people.models import Person, Supporter
from alongside.quality.models import (
    Checklist,
    Edition,
    IStatement,
    QualityCheck,
    QualityChecker,
)
from alongside.reviews.models import Goal, Review
from alongside.rota.models import RotaShift, RotaWeek
from alongside.team.models import ChangeRequest

if TYPE_CHECKING:
    from alongside.reviews.models import BudgetChange, PersonalBudget

    class PersonWithSignIn(Person):
        """What PersonFactory makes: a person with their own sign-in (the model allows none;
        the factory always makes one unless a test passes `user=None`)."""

        user: User

    MadePerson = PersonWithSignIn
else:
    MadePerson = Person


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    display_name = factory.Faker("name", locale="en_GB")
    password = factory.PostGenerationMethodCall("set_password", "a-good-long-password")

    @factory.post_generation
    def saved(obj: User, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            obj.save()


class ProviderFactory(factory.django.DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Provider {n}")
    kind = Organisation.Kind.PROVIDER


class CouncilFactory(ProviderFactory):
    name = factory.Sequence(lambda n: f"Council {n}")
    kind = Organisation.Kind.COUNCIL


class RegionFactory(factory.django.DjangoModelFactory[Region]):
    class Meta:
        model = Region

    organisation = factory.SubFactory(ProviderFactory)
    name = factory.Sequence(lambda n: f"Region {n}")


class ServiceFactory(factory.django.DjangoModelFactory[Service]):
    class Meta:
        model = Service

    organisation = factory.SubFactory(ProviderFactory)
    region = factory.SubFactory(RegionFactory, organisation=factory.SelfAttribute("..organisation"))
    name = factory.Sequence(lambda n: f"Service {n}")
    address_line_1 = factory.Faker("street_address", locale="en_GB")
    town = factory.Faker("city", locale="en_GB")
    postcode = factory.Faker("postcode", locale="en_GB")


class PersonFactory(factory.django.DjangoModelFactory[MadePerson]):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    preferred_name = factory.Faker("first_name", locale="en_GB")
    full_name = factory.LazyAttribute(lambda o: f"{o.preferred_name} Smith")
    service = factory.SubFactory(ServiceFactory)
    council = factory.SubFactory(CouncilFactory)

    @factory.post_generation
    def what_matters(obj: Person, create: bool, extracted: Any, **kwargs: Any) -> None:
        """What matters to the person, as their About me section (pass "" for none)."""
        text = "Swimming on Saturdays." if extracted is None else extracted
        if create and text:
            from alongside.people.models import AboutMeSection

            AboutMeSection.objects.create(person=obj, part="what_matters", text=text, version=1)


class SupporterFactory(factory.django.DjangoModelFactory[Supporter]):
    class Meta:
        model = Supporter

    person = factory.SubFactory(PersonFactory)
    user = factory.SubFactory(UserFactory)
    relationship = "My brother"
    scopes: list[str] = []


def share_with(supporter: Supporter, *parts: str) -> Supporter:
    """The person shares these parts of their record with this supporter by name."""
    from alongside.people.sharing import supporter_audience

    person = supporter.person
    person.refresh_from_db()
    for part in parts:
        person.sharing.setdefault(part, []).append(supporter_audience(supporter.pk))
    person.save()
    return supporter


class SkillFactory(factory.django.DjangoModelFactory[Skill]):
    class Meta:
        model = Skill
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"skill {n}")


class StaffMemberFactory(factory.django.DjangoModelFactory[StaffMember]):
    class Meta:
        model = StaffMember
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(ProviderFactory)
    role = StaffMember.Role.SUPPORT_WORKER

    @factory.post_generation
    def services(obj: StaffMember, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            obj.services.set(extracted)


class CouncilWorkerFactory(factory.django.DjangoModelFactory[CouncilWorker]):
    class Meta:
        model = CouncilWorker

    user = factory.SubFactory(UserFactory)
    council = factory.SubFactory(CouncilFactory)


class TOTPDeviceFactory(factory.django.DjangoModelFactory[TOTPDevice]):
    class Meta:
        model = TOTPDevice

    user = factory.SubFactory(UserFactory)
    name = "Phone"
    confirmed = True


# --- team and rota ---------------------------------------------------------------------


class ChangeRequestFactory(factory.django.DjangoModelFactory[ChangeRequest]):
    class Meta:
        model = ChangeRequest

    person = factory.SubFactory(PersonFactory)
    worker = factory.SubFactory(StaffMemberFactory)
    asked_by = factory.LazyAttribute(lambda o: o.person.user)
    deadline = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=14))


class RotaWeekFactory(factory.django.DjangoModelFactory[RotaWeek]):
    class Meta:
        model = RotaWeek

    service = factory.SubFactory(ServiceFactory)
    monday = datetime.date(2026, 11, 23)


class RotaShiftFactory(factory.django.DjangoModelFactory[RotaShift]):
    class Meta:
        model = RotaShift
        skip_postgeneration_save = True

    week = factory.SubFactory(RotaWeekFactory)
    starts = factory.LazyAttribute(
        lambda o: timezone.make_aware(datetime.datetime.combine(o.week.monday, datetime.time(9)))
    )
    ends = factory.LazyAttribute(lambda o: o.starts + datetime.timedelta(hours=4))
    kind = "one_to_one"

    @factory.post_generation
    def people(obj: RotaShift, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            obj.people.set(extracted)


# --- quality checks ---------------------------------------------------------------------


class QualityCheckerFactory(factory.django.DjangoModelFactory[QualityChecker]):
    class Meta:
        model = QualityChecker

    person = factory.SubFactory(PersonFactory)
    how_signed_up = "volunteered"
    consent_given_on = datetime.date(2026, 1, 5)
    signed_up_by = factory.LazyAttribute(lambda o: o.person.user)
    checks_per_month = 2
    trained_on = datetime.date(2026, 2, 1)


class ChecklistFactory(factory.django.DjangoModelFactory[Checklist]):
    class Meta:
        model = Checklist
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Checklist {n}")
    edition = factory.LazyFunction(lambda: Edition.objects.order_by("id").first())
    created_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def statements(obj: Checklist, create: bool, extracted: Any, **kwargs: Any) -> None:
        if not create:
            return
        if extracted is None:
            extracted = list(
                IStatement.objects.filter(theme__edition=obj.edition).order_by("pk")[:3]
            )
        obj.statements.set(extracted)


class QualityCheckFactory(factory.django.DjangoModelFactory[QualityCheck]):
    class Meta:
        model = QualityCheck

    checker = factory.SubFactory(QualityCheckerFactory)
    service = factory.LazyAttribute(lambda o: o.checker.person.service)
    checklist = factory.SubFactory(ChecklistFactory)
    planned_for = datetime.date(2026, 3, 1)
    planned_by = factory.SubFactory(UserFactory)


class CheckInFactory(factory.django.DjangoModelFactory[CheckIn]):
    class Meta:
        model = CheckIn

    person = factory.SubFactory(PersonFactory)
    on = factory.LazyFunction(timezone.localdate)
    feeling = 3


class ReviewFactory(factory.django.DjangoModelFactory[Review]):
    class Meta:
        model = Review

    person = factory.SubFactory(PersonFactory)
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))


class GoalFactory(factory.django.DjangoModelFactory[Goal]):
    class Meta:
        model = Goal

    person = factory.SubFactory(PersonFactory)
    words = "Go swimming every week."


def budget_for(
    person: Person, uses: list[tuple[str, str]] | None = None, period: str = "weekly"
) -> PersonalBudget:
    """A personal budget for `person` with these uses (words, amount as text)."""
    from decimal import Decimal

    from alongside.reviews.services import set_up_budget

    rows = uses or [("Swimming", "120.00"), ("Days out", "140.00"), ("Art class", "40.00")]
    return set_up_budget(
        person=person,
        amount=sum((Decimal(a) for _, a in rows), Decimal("0.00")),
        period=period,
        starts_on=timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday()),
        uses=[(w, Decimal(a)) for w, a in rows],
        set_up_by=None,
    )


def budget_change_for(
    person: Person,
    *,
    proposed_by: User | None = None,
    amounts: tuple[str, str] = ("80.00", "70.00"),
    why: str = "",
) -> BudgetChange:
    """A change asked for to a new budget of `person` (Swimming £100.00, Days out £50.00), to
    share it out as `amounts` instead; asked by the person unless `proposed_by` says who."""
    from decimal import Decimal

    from alongside.reviews.services import UseLine, propose_budget_change

    asked_by = proposed_by or person.user
    assert asked_by is not None, "the person has no sign-in: say who asks"
    budget = budget_for(person, [("Swimming", "100.00"), ("Days out", "50.00")])
    uses = list(budget.uses.filter(is_active=True).order_by("position"))
    return propose_budget_change(
        budget=budget,
        proposed_by=asked_by,
        expected_version=budget.version,
        lines=[
            UseLine(use_id=use.pk, words=use.words, amount=Decimal(amount))
            for use, amount in zip(uses, amounts, strict=True)
        ],
        why=why,
    )


# --- outcomes: finished reviews (read by the outcome pages) ------------------------------


class FinishedReviewFactory(ReviewFactory):
    """A review finished today, in which the person said they are doing what matters."""

    status = "completed"
    due_on = factory.LazyFunction(timezone.localdate)
    completed_on = factory.LazyFunction(timezone.localdate)
    what_matters = "Seeing my friends"
    doing_what_matters = "yes"
