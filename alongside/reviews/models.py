"""Reviews that start with "What matters to you?", goals in the person's words, and the
person's personal budget.

The names of Review, Goal and their choices are shared with the outcomes app (it only reads
them): keep them as they are.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from alongside.visibility import VisibleQuerySet

PENNY = Decimal("0.01")


class DoingWhatMatters(models.TextChoices):
    YES = "yes", "Yes"
    PARTLY = "partly", "Partly"
    NOT_YET = "not_yet", "Not yet"


class ReviewStatus(models.TextChoices):
    DUE = "due", "Due"
    IN_PROGRESS = "in_progress", "Started"
    COMPLETED = "completed", "Finished"


class ReviewQuerySet(VisibleQuerySet["Review"]):
    """Review records; `visible_to(user)` asks the policy."""


class Review(models.Model):
    """A review of the person's support. It opens with one blank question, "What matters to
    you?", and then asks only whether what is already known is still right."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="reviews")
    council_worker = models.ForeignKey(
        "organisations.CouncilWorker",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviews",
    )
    status = models.CharField(max_length=20, choices=ReviewStatus, default=ReviewStatus.DUE)
    # Yearly by default after the last finished review, or sooner when the person asks.
    due_on = models.DateField("when the review is due")
    asked_for_by_person = models.BooleanField(default=False)
    asked_for_words = models.TextField("why I would like a review", blank=True)
    started_on = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True, db_index=True)
    what_matters = models.TextField("what matters to you", blank=True)
    doing_what_matters = models.CharField(
        "are you doing the things that matter to you",
        max_length=10,
        choices=DoingWhatMatters,
        blank=True,
    )
    doing_what_matters_words = models.TextField("in your words", blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["status", "due_on"]),
            models.Index(fields=["person", "status"]),
            models.Index(fields=["person", "completed_on"]),
        ]
        constraints = [
            # At most one review waiting or under way for a person at a time.
            models.UniqueConstraint(
                fields=["person"],
                condition=~models.Q(status="completed"),
                name="one_open_review_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}'s review (due {self.due_on:%d %B %Y})"

    def clean(self) -> None:
        if self.status == ReviewStatus.COMPLETED and self.completed_on is None:
            raise ValidationError({"completed_on": "A finished review needs the day it finished."})
        if self.status != ReviewStatus.COMPLETED and self.completed_on is not None:
            raise ValidationError({"completed_on": "Only a finished review has a finish day."})

    @property
    def is_open(self) -> bool:
        return self.status != ReviewStatus.COMPLETED

    def is_overdue(self, today: object = None) -> bool:
        day = today or timezone.localdate()
        return self.is_open and self.due_on < day  # type: ignore[operator]


class ReviewPreparation(models.Model):
    """What the person writes before their review. A draft they control: the council worker
    sees it only when the person says it is ready to share."""

    review = models.OneToOneField(Review, on_delete=models.CASCADE, related_name="preparation")
    what_matters_now = models.TextField("what matters to me now", blank=True)
    goals_to_talk_about: models.ManyToManyField[Goal, Any] = models.ManyToManyField(
        "Goal", blank=True, related_name="+"
    )
    anything_else = models.TextField("anything else I want to talk about", blank=True)
    ready_to_share = models.BooleanField("share this with my council worker", default=False)
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Getting ready for {self.review}"


class Confirmation(models.Model):
    """The answer to "Is this still right?" about one thing already known. A change to About
    me or the plan becomes a proposal for the person to agree; nothing is edited directly."""

    class Answer(models.TextChoices):
        STILL_RIGHT = "still_right", "Yes, this is still right"
        CHANGE = "change", "Change it"

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="confirmations")
    key = models.CharField(max_length=80)  # e.g. "about_me:likes", "plan:my_goals"
    label = models.CharField(max_length=200)
    answer = models.CharField(max_length=20, choices=Answer.choices)
    new_words = models.TextField("what it should say now", blank=True)
    proposal = models.ForeignKey(
        "people.Proposal", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    answered_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["review", "key"]
        constraints = [
            models.UniqueConstraint(fields=["review", "key"], name="one_answer_per_known_thing")
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.get_answer_display()}"

    def clean(self) -> None:
        if self.answer == self.Answer.CHANGE and not self.new_words.strip():
            raise ValidationError({"new_words": "Write what it should say now."})


class TaskQuestion(models.Model):
    """A question about a daily task, added only when the person or worker chooses to."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="task_questions")
    task = models.CharField("the task", max_length=200)
    answer = models.TextField("what the person says", blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["review", "added_at", "id"]

    def __str__(self) -> str:
        return self.task


class GoalProgress(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    GETTING_THERE = "getting_there", "Getting there"
    DONE = "done", "Done"
    CHANGED_MY_MIND = "changed_my_mind", "I changed my mind"


class Goal(models.Model):
    """Something the person wants, in their own words."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="goals")
    words = models.TextField("my goal, in my words")
    progress = models.CharField(
        max_length=20, choices=GoalProgress, default=GoalProgress.NOT_STARTED
    )
    set_in_review = models.ForeignKey(
        Review, null=True, blank=True, on_delete=models.SET_NULL, related_name="goals_set"
    )
    created_at = models.DateTimeField(default=timezone.now)
    progress_changed_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["person", "created_at", "id"]
        indexes = [
            models.Index(fields=["person", "progress"]),
            models.Index(fields=["progress_changed_on"]),
        ]

    def __str__(self) -> str:
        return self.words[:60]

    def clean(self) -> None:
        if not self.words.strip():
            raise ValidationError({"words": "Write the goal in your own words."})


# --- Personal budget ---


class BudgetPeriod(models.TextChoices):
    WEEKLY = "weekly", "a week"
    FOUR_WEEKLY = "four_weekly", "every four weeks"
    YEARLY = "yearly", "a year"


def _money(label: str, **kwargs: object) -> models.DecimalField:
    return models.DecimalField(
        label,
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.00"))],
        **kwargs,  # type: ignore[arg-type]
    )


class PersonalBudget(models.Model):
    """The person's personal budget: an amount each period, shared between the uses they
    chose. The uses always add up to the amount."""

    person = models.OneToOneField(
        "people.Person", on_delete=models.PROTECT, related_name="personal_budget"
    )
    amount = _money("amount each period")
    period = models.CharField(max_length=20, choices=BudgetPeriod, default=BudgetPeriod.WEEKLY)
    starts_on = models.DateField("the budget started on")
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.person}'s budget: £{self.amount} {self.get_period_display()}"


class BudgetUse(models.Model):
    """One way the person has chosen to use their budget, in their words."""

    budget = models.ForeignKey(PersonalBudget, on_delete=models.CASCADE, related_name="uses")
    words = models.CharField("what I use it for", max_length=200)
    amount = _money("amount each period")
    is_active = models.BooleanField(default=True)
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["budget", "position", "id"]

    def __str__(self) -> str:
        return f"{self.words}: £{self.amount}"


class BudgetChangeQuerySet(VisibleQuerySet["BudgetChange"]):
    """BudgetChange records; `visible_to(user)` asks the policy."""


class BudgetChange(models.Model):
    """A change to how the budget is shared out. Keeping the total: agreed by the council
    worker in one step. Raising it: recommended by the council worker, then approved by a
    budget approver of the council (a separate step that cannot be skipped; ADR 0041)."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Waiting for the council"
        RECOMMENDED = "recommended", "Waiting for approval"
        AGREED = "agreed", "Agreed"
        DECLINED = "declined", "Not agreed"
        WITHDRAWN = "withdrawn", "Taken back"

    budget = models.ForeignKey(PersonalBudget, on_delete=models.CASCADE, related_name="changes")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PROPOSED)
    old_total = _money("total before")
    new_total = _money("total after")
    based_on_version = models.PositiveIntegerField()
    why = models.TextField("why I want this change", blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    proposed_at = models.DateTimeField(default=timezone.now)
    recommended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recommended_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    history = HistoricalRecords()

    objects = BudgetChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-proposed_at", "-id"]
        indexes = [models.Index(fields=["budget", "status"])]

    def __str__(self) -> str:
        return f"Change to {self.budget.person}'s budget ({self.get_status_display()})"

    @property
    def raises_total(self) -> bool:
        return self.new_total > self.old_total

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.PROPOSED, self.Status.RECOMMENDED)


class BudgetChangeLine(models.Model):
    """One use as it would be after the change. A line without `use` is a new use; a use
    that has no line is stopped."""

    change = models.ForeignKey(BudgetChange, on_delete=models.CASCADE, related_name="lines")
    use = models.ForeignKey(
        BudgetUse, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    words = models.CharField("what I use it for", max_length=200)
    amount = _money("amount each period")
    history = HistoricalRecords()

    class Meta:
        ordering = ["change", "id"]

    def __str__(self) -> str:
        return f"{self.words}: £{self.amount}"


class BudgetApprover(models.Model):
    """A council worker named by their council to approve budget rises (ADR 0041)."""

    council_worker = models.OneToOneField(
        "organisations.CouncilWorker", on_delete=models.CASCADE, related_name="budget_approver"
    )
    named_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.council_worker} approves budget rises"


class Spending(models.Model):
    """Money spent against one use of the budget."""

    use = models.ForeignKey(BudgetUse, on_delete=models.PROTECT, related_name="spending")
    amount = models.DecimalField(
        "amount spent",
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(PENNY)],
    )
    spent_on = models.DateField("the day it was spent")
    words = models.CharField("what it was for", max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-spent_on", "-id"]
        indexes = [models.Index(fields=["use", "spent_on"])]

    def __str__(self) -> str:
        return f"£{self.amount} on {self.spent_on}"
