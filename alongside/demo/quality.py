"""Demo quality checks.

Small: a starter checklist; a trained checker at Elm Court with a done check (one "not good"
is an action for Priya) and a planned check of The Maples; a checker at The Maples still
to be trained. Josie is not a checker yet, so she can sign up.
Large: checkers for about 700 of the 1,500 services, trained over two years. Two years of
checks come from `manage.py generate_quality_checks` (quality_history.py; see
bench/quality/run.sh).
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable

from django.utils import timezone

from alongside.accounts.demo import DEMO_ROLES
from alongside.accounts.models import User
from alongside.organisations.models import Organisation, Service
from alongside.people.models import Person
from alongside.quality import services
from alongside.quality.models import (
    CORE_MODULE,
    CheckerTraining,
    Checklist,
    Face,
    IStatement,
    QualityChecker,
    TrainingModule,
)
from alongside.quality.reference import ensure_starter_edition

from .organisations import LARGE_PROVIDER, SMALL_PROVIDER

STARTER_CHECKLIST = "Starter checklist: life at home"
STARTER_KEYS = [
    "live-the-life-i-want",
    "people-who-matter",
    "information-when-needed",
    "choose-who-supports-me",
    "listened-to",
]


def _quality_lead() -> User:
    email = next(r.email for r in DEMO_ROLES if r.key == "quality_lead")
    return User.objects.get(email=email)


def starter_checklist(created_by: User) -> Checklist:
    """The demo's checklist of five I statements, made once."""
    existing = Checklist.objects.filter(name=STARTER_CHECKLIST).first()
    if existing:
        return existing
    edition = ensure_starter_edition()
    statements = list(
        IStatement.objects.filter(theme__edition=edition, key__in=STARTER_KEYS).select_related(
            "theme"
        )
    )
    return services.create_checklist(
        name=STARTER_CHECKLIST, statements=statements, created_by=created_by
    )


def load_small(seed: int) -> None:
    """A trained checker at Elm Court with a done and a planned check, and one at The
    Maples still to be trained."""
    provider = Organisation.objects.filter(name=SMALL_PROVIDER).first()
    if (
        provider is None
        or QualityChecker.objects.filter(person__service__organisation=provider).exists()
    ):
        return
    lead = _quality_lead()
    checklist = starter_checklist(lead)
    today = timezone.localdate()
    elm = Service.objects.get(organisation=provider, name="Elm Court")
    maples = Service.objects.get(organisation=provider, name="The Maples")
    elm_person = Person.objects.filter(service=elm).order_by("pk").first()
    maples_person = Person.objects.filter(service=maples).order_by("pk").first()
    assert elm_person is not None and maples_person is not None
    checker = services.sign_up_checker(
        person=elm_person,
        signed_up_by=lead,
        consent_given_on=today - datetime.timedelta(days=120),
        needs=["companion", "easy_read"],
        availability="Tuesday afternoons",
        checks_per_month=2,
        checks_in_region=True,
    )
    for module, days_ago in [(CORE_MODULE, 100), (TrainingModule.MAKING_IT_REAL, 95)]:
        services.record_training(
            checker=checker,
            module=module,
            completed_on=today - datetime.timedelta(days=days_ago),
            recorded_by=lead,
        )
    check = services.plan_check(
        service=elm,
        checker=checker,
        checklist=checklist,
        planned_for=today - datetime.timedelta(days=30),
        planned_by=lead,
    )
    statements = list(checklist.statements.order_by("pk"))
    faces = [Face.GOOD, Face.OK, Face.NOT_GOOD, Face.GOOD, Face.NOT_SEEN]
    comments = {
        Face.NOT_GOOD: "Nobody had told people about the new bus times.",
        Face.GOOD: "People said staff listen to them.",
    }
    services.complete_check(
        check=check,
        done_by=lead,
        done_on=today - datetime.timedelta(days=30),
        answers=[
            services.AnswerGiven(statement_id=s.pk, face=f, comment=comments.get(f, ""))
            for s, f in zip(statements, faces, strict=False)
        ],
        summary="A friendly visit. We had tea.",
    )
    services.plan_check(
        service=maples,
        checker=checker,
        checklist=checklist,
        planned_for=today + datetime.timedelta(days=10),
        planned_by=lead,
    )
    services.sign_up_checker(
        person=maples_person,
        signed_up_by=lead,
        consent_given_on=today - datetime.timedelta(days=7),
        needs=["quiet_time"],
        availability="Mornings",
        checks_per_month=1,
        checks_in_region=False,
    )


def load_large(seed: int, log: Callable[[str], None]) -> None:
    """Quality checkers at about 700 of the large demo's services."""
    provider = Organisation.objects.filter(name=LARGE_PROVIDER).first()
    if (
        provider is None
        or QualityChecker.objects.filter(person__service__organisation=provider).exists()
    ):
        return
    rng = random.Random(seed + 6)  # noqa: S311 - made-up demo data
    lead = _quality_lead()
    starter_checklist(lead)
    today = timezone.localdate()
    service_ids = list(
        Service.objects.filter(organisation=provider).order_by("pk").values_list("pk", flat=True)
    )
    # One person at about 700 services volunteers; most are trained, over two years.
    chosen = set(rng.sample(service_ids, k=min(700, len(service_ids))))
    first_person: dict[int, int] = {}
    for person_id, service_id in (
        Person.objects.filter(service_id__in=chosen).order_by("pk").values_list("pk", "service_id")
    ):
        first_person.setdefault(service_id, person_id)
    checkers = []
    for person_id in first_person.values():
        trained = rng.random() < 0.85
        trained_on = today - datetime.timedelta(days=rng.randint(0, 730)) if trained else None
        checkers.append(
            QualityChecker(
                person_id=person_id,
                how_signed_up=QualityChecker.HowSignedUp.SIGNED_UP_WITH_CONSENT,
                consent_given_on=(trained_on or today) - datetime.timedelta(days=30),
                signed_up_by=lead,
                needs=rng.sample(
                    ["companion", "easy_read", "extra_time", "quiet_time"], k=rng.randint(0, 2)
                ),
                availability=rng.choice(["Mornings", "Afternoons", "Weekdays", "Any time"]),
                checks_per_month=rng.choice([1, 1, 2, 2, 3]),
                checks_in_region=rng.random() < 0.6,
                trained_on=trained_on,
            )
        )
    created = QualityChecker.objects.bulk_create(checkers, batch_size=1000)
    CheckerTraining.objects.bulk_create(
        [
            CheckerTraining(checker=c, module=CORE_MODULE, completed_on=c.trained_on)
            for c in created
            if c.trained_on
        ],
        batch_size=1000,
    )
    log(f"{len(created)} quality checkers")
