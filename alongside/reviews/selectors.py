"""Reads for reviews, goals and budgets: who is due a review, what is already known about the
person (so nothing is asked twice), and how the budget is going."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Case, IntegerField, QuerySet, Sum, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from alongside.organisations.models import CouncilWorker
from alongside.people.downloads import DownloadSection
from alongside.people.models import PLAN_FIELDS, PlanVersion, field_label
from alongside.people.models import Person as PersonModel
from alongside.people.selectors import told_once
from alongside.people.sharing import Part
from alongside.policy import PersonPart
from alongside.task_list import Task, TaskStatus

from .models import (
    BudgetChange,
    BudgetPeriod,
    Confirmation,
    Goal,
    PersonalBudget,
    Review,
    ReviewPreparation,
    ReviewStatus,
    Spending,
)

ZERO = Decimal("0.00")


def reviews_due(*, user: Any) -> QuerySet[Review]:
    """Open reviews of the people this council worker looks after: overdue first, then by
    the day they are due."""
    today = timezone.localdate()
    return (
        Review.objects.visible_to(user)
        .exclude(status=ReviewStatus.COMPLETED)
        .select_related("person", "person__service")
        .annotate(
            overdue=Case(
                When(due_on__lt=today, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        )
        .order_by("overdue", "due_on", "pk")
    )


def reviews_due_page(*, user: Any, page: str | None) -> tuple[Page[Review], int]:
    """One page (25 a page) of the reviews due, and how many are due in all."""
    reviews = reviews_due(user=user)
    return Paginator(reviews, 25).get_page(page), reviews.count()


def open_review(*, person: PersonModel) -> Review | None:
    return person.reviews.exclude(status=ReviewStatus.COMPLETED).first()


def review_of(*, person: PersonModel, review_id: Any) -> Review:
    """One of the person's reviews (the person was fetched through the viewer's scope), or
    404: another person's review is answered as missing."""
    found = person.reviews.filter(pk=review_id).first() if str(review_id).isdigit() else None
    if found is None:
        raise Http404
    return found


def goal_of(*, person: PersonModel, goal_id: Any) -> Goal:
    """One of the person's goals, or 404 (a goal of someone else is answered as missing)."""
    found = person.goals.filter(pk=goal_id).first() if str(goal_id).isdigit() else None
    if found is None:
        raise Http404
    return found


def shared_preparation(*, review: Review) -> ReviewPreparation | None:
    """What the person got ready for their review, if they chose to share it."""
    return ReviewPreparation.objects.filter(review=review, ready_to_share=True).first()


def council_worker_of(*, user: Any) -> CouncilWorker:
    """The council worker record of a signed-in council worker (the policy let them in)."""
    return CouncilWorker.objects.get(user_id=user.pk)


def finished_reviews(*, person: PersonModel) -> QuerySet[Review]:
    return person.reviews.filter(status=ReviewStatus.COMPLETED).order_by("-completed_on", "-pk")


def goals_of(*, person: PersonModel) -> QuerySet[Goal]:
    return person.goals.all().order_by("created_at", "pk")


def known_for_told_once(*, person: PersonModel, viewer: Any) -> dict[str, Any]:
    """For pre-filling other forms (and the person's download): their goals and last review,
    if the viewer may see the person's reviews; their budget's uses, if they may see it."""
    known: dict[str, Any] = {"goals": [], "last_review": None, "budget": None}
    if viewer.has_perm("reviews.see_budget", PersonPart(person, Part.BUDGET)):
        budget = PersonalBudget.objects.filter(person=person).first()
        if budget is not None:
            known["budget"] = {
                "amount": budget.amount,
                "period": budget.get_period_display(),
                "uses": [
                    {"words": u.words, "amount": u.amount}
                    for u in budget.uses.filter(is_active=True).order_by("position", "pk")
                ],
            }
    if not viewer.has_perm("reviews.see_reviews", PersonPart(person, Part.REVIEWS)):
        return known
    last = finished_reviews(person=person).first()
    known["goals"] = [
        {"words": g.words, "progress": g.get_progress_display()} for g in goals_of(person=person)
    ]
    if last is not None:
        known["last_review"] = {
            "completed_on": last.completed_on,
            "what_matters": last.what_matters,
            "doing_what_matters": last.get_doing_what_matters_display(),
            "doing_what_matters_words": last.doing_what_matters_words,
        }
    return known


@dataclass
class KnownThing:
    """One thing already known about the person, to confirm rather than ask again."""

    key: str
    label: str
    text: str
    can_change: bool  # About me and the plan: a change becomes a proposal
    confirmation: Confirmation | None = None
    picture: str = "about-me"


def known_for_review(*, review: Review, viewer: Any) -> list[KnownThing]:
    """What is already recorded about the person that this viewer may see: About me, the
    plan, and what other parts of Alongside know (check-ins, meetings). Each is shown with
    "Is this still right?"; nothing here is asked again."""
    known = told_once(person=review.person, viewer=viewer)
    answers = {c.key: c for c in review.confirmations.all()}
    things: list[KnownThing] = []
    for part, text in known.get("about_me", {}).items():
        things.append(
            KnownThing(
                key=f"about_me:{part}",
                label=Part(part).label,
                text=text,
                can_change=True,
                picture="about-me",
            )
        )
    plan = known.get("plan") or {}
    for name in PLAN_FIELDS:
        text = plan.get(name) or ""
        if text:
            label = field_label(PlanVersion, name)
            things.append(
                KnownThing(
                    key=f"plan:{name}",
                    label=f"My plan: {label}",
                    text=text,
                    can_change=True,
                    picture="review",
                )
            )
    everyday = known.get("everyday") or {}
    check_ins = everyday.get("check_ins") or []
    if check_ins:
        feelings = ", ".join(f"{c['on']:%-d %b}: {c['feeling']}" for c in check_ins[:7])
        things.append(
            KnownThing(
                key="everyday:check_ins",
                label="How I have been lately",
                text=feelings,
                can_change=False,
                picture="how-i-feel",
            )
        )
    actions = everyday.get("open_actions") or []
    if actions:
        things.append(
            KnownThing(
                key="everyday:open_actions",
                label="What we agreed in my meetings",
                text="\n".join(f"{a['what']} ({a['who']})" for a in actions),
                can_change=False,
                picture="meeting",
            )
        )
    for thing in things:
        thing.confirmation = answers.get(thing.key)
    return things


def known_label(*, review: Review, viewer: Any, key: str) -> KnownThing | None:
    return next((k for k in known_for_review(review=review, viewer=viewer) if k.key == key), None)


# --- Budget ------------------------------------------------------------------------------


def period_containing(
    *, budget: PersonalBudget, day: datetime.date
) -> tuple[datetime.date, datetime.date]:
    """The first and last day of the budget period that `day` falls in."""
    if budget.period == BudgetPeriod.YEARLY:
        start = budget.starts_on
        while True:
            try:
                following = start.replace(year=start.year + 1)
            except ValueError:  # 29 February
                following = start.replace(year=start.year + 1, day=28)
            if following > day:
                return start, following - datetime.timedelta(days=1)
            start = following
    length = 7 if budget.period == BudgetPeriod.WEEKLY else 28
    periods = max((day - budget.starts_on).days, 0) // length
    start = budget.starts_on + datetime.timedelta(days=periods * length)
    return start, start + datetime.timedelta(days=length - 1)


@dataclass
class UseSummary:
    pk: int
    words: str
    planned: Decimal
    spent: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.planned - self.spent

    @property
    def variance(self) -> Decimal:
        """Spent minus planned: more than nothing means overspent."""
        return self.spent - self.planned


@dataclass
class BudgetSummary:
    budget: PersonalBudget
    starts: datetime.date
    ends: datetime.date
    uses: list[UseSummary] = field(default_factory=list)

    @property
    def planned(self) -> Decimal:
        return sum((u.planned for u in self.uses), ZERO)

    @property
    def spent(self) -> Decimal:
        return sum((u.spent for u in self.uses), ZERO)

    @property
    def remaining(self) -> Decimal:
        return self.planned - self.spent

    @property
    def variance(self) -> Decimal:
        return self.spent - self.planned


def budget_summary(*, budget: PersonalBudget, day: datetime.date | None = None) -> BudgetSummary:
    """Planned, spent, remaining and variance for each use in the period containing `day`.
    Sums are done in the database on DECIMAL columns: exact to the penny."""
    starts, ends = period_containing(budget=budget, day=day or timezone.localdate())
    uses = (
        budget.uses.filter(is_active=True)
        .annotate(
            spent_now=Sum(
                "spending__amount",
                filter=models_q(starts, ends),
            )
        )
        .order_by("position", "pk")
    )
    return BudgetSummary(
        budget=budget,
        starts=starts,
        ends=ends,
        uses=[
            UseSummary(pk=u.pk, words=u.words, planned=u.amount, spent=u.spent_now or ZERO)
            for u in uses
        ],
    )


def models_q(starts: datetime.date, ends: datetime.date) -> Any:
    from django.db.models import Q

    return Q(spending__spent_on__gte=starts, spending__spent_on__lte=ends)


def budget_changes_waiting(*, user: Any) -> QuerySet[BudgetChange]:
    """Budget changes this council worker answers: those of people of their council."""

    return (
        BudgetChange.objects.visible_to(user)
        .filter(status__in=[BudgetChange.Status.PROPOSED, BudgetChange.Status.RECOMMENDED])
        .select_related("budget__person")
        .order_by("proposed_at", "pk")
    )


def download_sections(*, person: PersonModel, viewer: Any) -> list[DownloadSection]:
    """The person's reviews, goals and budget changes, for their download. Reviews and
    goals need the reviews part; what the person wrote to get ready is theirs, so it is
    there for whoever may help them get ready; the budget needs the budget part."""
    sections: list[DownloadSection] = []
    if viewer.has_perm("reviews.see_reviews", PersonPart(person, Part.REVIEWS)):
        with_preparation = viewer.has_perm("reviews.prepare_review", person)
        preparation_column = (("getting_ready", "What I wrote to get ready"),)
        reviews = person.reviews.select_related("preparation").prefetch_related("task_questions")
        rows = []
        for review in reviews.order_by("-due_on", "-pk"):
            row: dict[str, Any] = {
                "due_on": review.due_on,
                "status": review.get_status_display(),
                "completed_on": review.completed_on,
                "what_matters": review.what_matters,
                "doing_what_matters": review.get_doing_what_matters_display(),
                "in_my_words": review.doing_what_matters_words,
                "tasks": [
                    f"{q.task}: {q.answer}" if q.answer else q.task
                    for q in review.task_questions.all()
                ],
            }
            preparation = getattr(review, "preparation", None)
            if with_preparation and preparation is not None:
                row["getting_ready"] = " ".join(
                    t for t in (preparation.what_matters_now, preparation.anything_else) if t
                )
            rows.append(row)
        sections.append(
            DownloadSection(
                key="reviews",
                title="My reviews",
                columns=(
                    ("due_on", "Due"),
                    ("status", "Where it is"),
                    ("completed_on", "Finished"),
                    ("what_matters", "What matters to me"),
                    ("doing_what_matters", "Am I doing what matters?"),
                    ("in_my_words", "In my words"),
                    ("tasks", "Tasks we talked about"),
                    *(preparation_column if with_preparation else ()),
                ),
                rows=rows,
                empty="No reviews yet.",
            )
        )
        sections.append(
            DownloadSection(
                key="goals",
                title="My goals",
                columns=(("words", "My goal"), ("progress", "How it is going"), ("set", "Set")),
                rows=[
                    {"words": g.words, "progress": g.get_progress_display(), "set": g.created_at}
                    for g in goals_of(person=person)
                ],
                empty="No goals yet.",
            )
        )
    if viewer.has_perm("reviews.see_budget", PersonPart(person, Part.BUDGET)):
        sections.extend(_budget_sections(person=person))
    return sections


def _budget_sections(*, person: PersonModel) -> list[DownloadSection]:
    budget = PersonalBudget.objects.filter(person=person).first()
    if budget is None:
        return []
    uses = budget.uses.order_by("-is_active", "position", "pk")
    sections = [
        DownloadSection(
            key="budget",
            title="My personal budget",
            columns=(("words", "What I use it for"), ("amount", "Amount"), ("now", "Now")),
            rows=[
                {
                    "words": u.words,
                    "amount": f"£{u.amount} {budget.get_period_display()}",
                    "now": "Using it" if u.is_active else "Stopped",
                }
                for u in uses
            ],
            empty="No uses yet.",
        ),
        DownloadSection(
            key="spending",
            title="What I spent my budget on",
            columns=(("spent_on", "Day"), ("use", "From"), ("amount", "Amount"), ("words", "For")),
            rows=[
                {
                    "spent_on": s.spent_on,
                    "use": s.use.words,
                    "amount": f"£{s.amount}",
                    "words": s.words,
                }
                for s in Spending.objects.filter(use__budget=budget)
                .select_related("use")
                .order_by("-spent_on", "-pk")
            ],
            empty="Nothing spent yet.",
        ),
    ]
    changes = (
        BudgetChange.objects.filter(budget__person=person)
        .select_related("proposed_by")
        .prefetch_related("lines")
        .order_by("-proposed_at", "-pk")
    )
    sections.append(
        DownloadSection(
            key="budget_changes",
            title="Changes to my personal budget",
            columns=(
                ("asked", "Asked"),
                ("asked_by", "Asked by"),
                ("why", "Why"),
                ("uses", "How it would be shared out"),
                ("total", "Total"),
                ("status", "What happened"),
                ("note", "The council said"),
            ),
            rows=[
                {
                    "asked": c.proposed_at,
                    "asked_by": c.proposed_by.display_name if c.proposed_by else "",
                    "why": c.why,
                    "uses": [f"{line.words}: £{line.amount}" for line in c.lines.all()],
                    "total": f"£{c.old_total} to £{c.new_total}",
                    "status": c.get_status_display(),
                    "note": c.decision_note,
                }
                for c in changes
            ],
            empty="No changes yet.",
        )
    )
    return sections


def preparation_tasks(
    *,
    person: PersonModel,
    preparation: ReviewPreparation | None,
    waiting_to_send: bool,
) -> list[Task]:
    """ "Get ready for my review" as a task list, each status from what is saved: a part is
    done once something is saved in it. Sending is done once the council worker may read it;
    in progress while it is saved but not sent, or waits on the "Check your answers" page."""
    prepare = reverse("reviews:prepare", args=[person.pk])
    what = preparation.what_matters_now.strip() if preparation else ""
    goals = preparation.goals_to_talk_about.exists() if preparation else False
    anything = preparation.anything_else.strip() if preparation else ""
    has_goals = goals_of(person=person).exists()
    shared = bool(preparation and preparation.ready_to_share)

    def status(done: bool) -> TaskStatus:
        return TaskStatus.DONE if done else TaskStatus.NOT_STARTED

    if shared and not waiting_to_send:
        send = TaskStatus.DONE
    elif waiting_to_send or preparation is not None:
        send = TaskStatus.IN_PROGRESS
    else:
        send = TaskStatus.NOT_STARTED
    return [
        Task(
            key="what-matters-now",
            name="What matters to me now",
            href=f"{prepare}#id_what_matters_now",
            status=status(bool(what)),
        ),
        Task(
            key="goals",
            name="Goals I want to talk about",
            href=f"{prepare}#id_goals_0"
            if has_goals
            else reverse("reviews:mine", args=[person.pk]) + "#goals",
            status=status(goals),
            hint="" if has_goals else "You have no goals yet. You can add them first.",
        ),
        Task(
            key="anything-else",
            name="Anything else I want to talk about",
            href=f"{prepare}#id_anything_else",
            status=status(bool(anything)),
        ),
        Task(
            key="send",
            name="Check and send to my council worker",
            href=reverse("reviews:prepare-check", args=[person.pk]),
            status=send,
            hint="Your council worker can read it before your review."
            if send is TaskStatus.DONE
            else "Only you can read it until you send it.",
        ),
    ]


# --- Fetching for the pages ------------------------------------------------------------------


def budget_of(*, person: PersonModel) -> PersonalBudget | None:
    """The person's personal budget, or None if it is not set up in Alongside."""
    return PersonalBudget.objects.filter(person=person).first()


def has_budget(*, person: PersonModel) -> bool:
    """Whether the person's personal budget is set up in Alongside."""
    return PersonalBudget.objects.filter(person=person).exists()


def recent_budget_changes(*, budget: PersonalBudget, limit: int = 10) -> QuerySet[BudgetChange]:
    """The budget's newest changes, with who asked for each."""
    return budget.changes.select_related("proposed_by")[:limit]


def recent_spending(*, budget: PersonalBudget, limit: int = 20) -> QuerySet[Spending]:
    """The newest spending from the budget, with the use it was on."""
    return Spending.objects.filter(use__budget=budget).select_related("use")[:limit]


def active_uses(*, budget: PersonalBudget) -> list[Any]:
    """The budget's uses now in use."""
    return list(budget.uses.filter(is_active=True))


def active_uses_in_order(*, budget: PersonalBudget) -> list[Any]:
    """The budget's uses now in use, in the order the person put them."""
    return list(budget.uses.filter(is_active=True).order_by("position", "pk"))


def budget_change_of(*, person: PersonModel, change_id: Any) -> BudgetChange:
    """One change to the person's budget, with who asked and recommended, or 404."""
    return get_object_or_404(
        BudgetChange.objects.select_related("budget", "proposed_by", "recommended_by"),
        pk=change_id,
        budget__person=person,
    )


def lines_of(*, change: BudgetChange) -> QuerySet[Any]:
    """The lines of a budget change, each with its use."""
    return change.lines.select_related("use")


def preparation_of(*, review: Review) -> ReviewPreparation | None:
    """What the person has got ready for the review so far, shared or not, or None."""
    return ReviewPreparation.objects.filter(review=review).first()


def goal_ids_to_talk_about(*, preparation: ReviewPreparation) -> list[str]:
    """The ids (as text) of the goals the person wants to talk about at the review."""
    return [str(g.pk) for g in preparation.goals_to_talk_about.all()]


def goals_with_ids(*, person: PersonModel, goal_ids: Any) -> QuerySet[Goal]:
    """The person's goals with these ids (ids of someone else's goals find nothing)."""
    return Goal.objects.filter(person=person, pk__in=goal_ids)


def chosen_goals(*, person: PersonModel, goal_ids: Any) -> list[Goal]:
    """The person's goals with these ids, in the goals' own order."""
    return list(goals_of(person=person).filter(pk__in=goal_ids))


def review_record_of(*, person: PersonModel, review_id: Any) -> Review:
    """One of the person's reviews with its council worker, or 404."""
    return get_object_or_404(
        Review.objects.select_related("council_worker__user"), pk=review_id, person=person
    )


def confirmations_of(*, review: Review) -> QuerySet[Confirmation]:
    """What the review confirmed, each with the proposal it answered."""
    return review.confirmations.select_related("proposal")


def task_questions_of(*, review: Review) -> QuerySet[Any]:
    """The questions about tasks asked at the review."""
    return review.task_questions.all()


def goals_set_at(*, review: Review) -> QuerySet[Goal]:
    """The goals set at the review."""
    return review.goals_set.all()
