"""Support patterns, workers' availability and the weekly rota, in the database.

The solver and the checker never see these models: `selectors.problem_for_week` turns a
week into the plain `problem.RotaProblem`.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from alongside.organisations.models import Organisation, Service, Skill, StaffMember
from alongside.people.models import Person

from .problem import DAY_NAMES, RotaWeights, SessionKind

DAYS = [(i, name) for i, name in enumerate(DAY_NAMES)]
KIND_CHOICES = [
    (SessionKind.ONE_TO_ONE.value, "One-to-one"),
    (SessionKind.TWO_TO_ONE.value, "Two-to-one"),
    (SessionKind.SHARED.value, "Shared support"),
    (SessionKind.SLEEP_IN.value, "Sleep-in"),
    (SessionKind.WAKING_NIGHT.value, "Waking night"),
]


class RotaSettings(models.Model):
    """How much each soft goal of the rota counts, for one organisation."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="rota_settings"
    )
    preferred_hours = models.PositiveSmallIntegerField(default=RotaWeights.preferred_hours)
    continuity = models.PositiveSmallIntegerField(default=RotaWeights.continuity)
    contracted_hours = models.PositiveSmallIntegerField(default=RotaWeights.contracted_hours)
    fair_weekends_nights = models.PositiveSmallIntegerField(
        default=RotaWeights.fair_weekends_nights
    )
    # Two admins changing the weights at once: the second is told (alongside.concurrency).
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "rota settings"

    def __str__(self) -> str:
        return f"Rota settings for {self.organisation}"

    def weights(self) -> RotaWeights:
        return RotaWeights(
            preferred_hours=self.preferred_hours,
            continuity=self.continuity,
            contracted_hours=self.contracted_hours,
            fair_weekends_nights=self.fair_weekends_nights,
        )


class SupportNeed(models.Model):
    """One session in a person's weekly pattern of support."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="support_needs")
    # Shared support and sleep-ins may be with other people at the same service.
    shared_with = models.ManyToManyField(Person, blank=True, related_name="shared_needs")
    day = models.PositiveSmallIntegerField(choices=DAYS)
    starts = models.TimeField()
    ends = models.TimeField(help_text="If this is earlier than the start, it ends the next day.")
    kind = models.CharField(max_length=20, choices=KIND_CHOICES, default=SessionKind.ONE_TO_ONE)
    workers_needed = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    skills = models.ManyToManyField(Skill, blank=True, related_name="support_needs")
    personal_care = models.BooleanField("includes personal care", default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["person", "day", "starts"]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_kind_display()} {DAY_NAMES[self.day]} {self.starts:%H:%M}"

    def clean(self) -> None:
        if self.starts == self.ends:
            raise ValidationError({"ends": "The end time must be different from the start."})
        if self.kind == SessionKind.TWO_TO_ONE and self.workers_needed < 2:
            raise ValidationError({"workers_needed": "Two-to-one support needs 2 workers."})


class WorkerTerms(models.Model):
    """A support worker's hours and whether they opted out of the 48-hour week."""

    worker = models.OneToOneField(StaffMember, on_delete=models.CASCADE, related_name="rota_terms")
    min_hours = models.DecimalField(
        "contracted minimum hours a week",
        max_digits=4,
        decimal_places=1,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("80"))],
    )
    max_hours = models.DecimalField(
        "most hours a week",
        max_digits=4,
        decimal_places=1,
        default=Decimal("48"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("80"))],
    )
    opted_out_of_48_hours = models.BooleanField("opted out of the 48-hour week", default=False)
    # Only for people who ask for personal care from women or from men.
    gender = models.CharField(
        max_length=10,
        blank=True,
        choices=[("woman", "Woman"), ("man", "Man"), ("other", "Another way")],
    )
    # Two managers changing a worker's hours at once: the second is told.
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "worker terms"

    def __str__(self) -> str:
        return f"Hours for {self.worker}"

    def clean(self) -> None:
        if self.min_hours > self.max_hours:
            raise ValidationError({"max_hours": "The most hours must be at least the minimum."})
        if self.max_hours > 48 and not self.opted_out_of_48_hours:
            raise ValidationError(
                {"max_hours": "More than 48 hours a week needs the worker's written opt-out."}
            )


class Availability(models.Model):
    """When a worker can usually work, each week."""

    worker = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="availability")
    day = models.PositiveSmallIntegerField(choices=DAYS)
    starts = models.TimeField()
    ends = models.TimeField(help_text="If this is earlier than the start, it ends the next day.")
    # Raised on every change: two managers editing at once cannot overwrite each other.
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["worker", "day", "starts"]
        verbose_name_plural = "availability"

    def __str__(self) -> str:
        return f"{self.worker} {DAY_NAMES[self.day]} {self.starts:%H:%M}-{self.ends:%H:%M}"


class Absence(models.Model):
    """An exception to availability: leave or sickness, whole days."""

    class Reason(models.TextChoices):
        LEAVE = "leave", "Leave"
        SICKNESS = "sickness", "Sickness"

    worker = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="absences")
    first_day = models.DateField()
    last_day = models.DateField()
    reason = models.CharField(max_length=20, choices=Reason.choices, default=Reason.LEAVE)
    # Raised on every change: two managers editing at once cannot overwrite each other.
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["first_day"]

    def __str__(self) -> str:
        return f"{self.worker}: {self.get_reason_display()} {self.first_day}-{self.last_day}"

    def clean(self) -> None:
        if self.first_day and self.last_day and self.last_day < self.first_day:
            raise ValidationError({"last_day": "The last day must be on or after the first day."})


class RotaWeek(models.Model):
    """One service's rota for one week (Monday to Sunday)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="rota_weeks")
    monday = models.DateField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    solver_status = models.CharField(max_length=20, blank=True)
    objective = models.FloatField(null=True, blank=True)
    best_bound = models.FloatField(null=True, blank=True)
    solve_seconds = models.FloatField(null=True, blank=True)
    solved_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["service", "-monday"]
        constraints = [
            models.UniqueConstraint(fields=["service", "monday"], name="one_rota_a_week")
        ]

    def __str__(self) -> str:
        return f"{self.service} week of {self.monday}"

    def clean(self) -> None:
        if self.monday and self.monday.weekday() != 0:
            raise ValidationError({"monday": "A rota week starts on a Monday."})


class RotaShift(models.Model):
    """One session of support in a rota week, and the workers on it."""

    week = models.ForeignKey(RotaWeek, on_delete=models.CASCADE, related_name="shifts")
    need = models.ForeignKey(
        SupportNeed, on_delete=models.SET_NULL, null=True, blank=True, related_name="shifts"
    )
    people = models.ManyToManyField(Person, related_name="rota_shifts")
    starts = models.DateTimeField()
    ends = models.DateTimeField()
    kind = models.CharField(max_length=20, choices=KIND_CHOICES)
    workers_needed = models.PositiveSmallIntegerField(default=1)
    skills = models.JSONField(default=list, blank=True)
    workers = models.ManyToManyField(StaffMember, blank=True, related_name="rota_shifts")
    personal_care = models.BooleanField(default=False)
    uncovered_reason = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["starts", "id"]
        indexes = [models.Index(fields=["week", "starts"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts:%a %H:%M}"


class PersonalCare(models.Model):
    """Who may give the person personal care: a hard rule of the rota, set by the person
    (or their manager with them)."""

    class By(models.TextChoices):
        ANYONE = "anyone", "Anyone on my team"
        WOMEN = "women", "Only women"
        MEN = "men", "Only men"
        NAMED = "named", "Only the workers I name"

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="personal_care")
    by = models.CharField(max_length=10, choices=By.choices, default=By.ANYONE)
    workers = models.ManyToManyField(StaffMember, blank=True, related_name="personal_care_for")
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "personal care"

    def __str__(self) -> str:
        return f"Personal care for {self.person}: {self.get_by_display()}"


class SolveRun(models.Model):
    """One `solve_rotas --week` run: a solve job for each service, shared by the workers."""

    monday = models.DateField()
    started_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"Solving every rota, week of {self.monday}"


class SolveJob(models.Model):
    """Making one service's rota for one week in the background, and how far it has got.

    A row lock on the week and the partial unique constraint below mean two managers
    pressing "Make the rota" at once make one solve, not two.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Being made"
        DONE = "done", "Ready"
        FAILED = "failed", "Could not be made"

    ACTIVE = (Status.QUEUED, Status.RUNNING)
    # A solve stops itself at its time limit; building the model and saving the rota take
    # seconds more. A job still "being made" well past that lost its worker (the machine
    # restarted or the process was killed), so it must not block the week for ever.
    ABANDONED_AFTER_LIMIT = datetime.timedelta(minutes=2)
    ABANDONED_REASON = (
        "The rota stopped being made before it was ready, because the computer making it "
        "stopped. Press \u201cMake the rota\u201d to try again."
    )

    week = models.ForeignKey(RotaWeek, on_delete=models.CASCADE, related_name="solve_jobs")
    run = models.ForeignKey(
        SolveRun, on_delete=models.CASCADE, null=True, blank=True, related_name="jobs"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    requested_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    time_limit_seconds = models.FloatField(default=10.0)
    # Written by the solver's solution callback, at most about once a second.
    best_objective = models.FloatField(null=True, blank=True)
    best_bound = models.FloatField(null=True, blank=True)
    progress_at = models.DateTimeField(null=True, blank=True)
    uncovered = models.PositiveIntegerField(null=True, blank=True)
    reason = models.TextField(blank=True, help_text="Why it could not be made, in plain words.")

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["week"],
                condition=models.Q(status__in=["queued", "running"]),
                name="one_solve_at_a_time",
            )
        ]

    def __str__(self) -> str:
        return f"Solve of {self.week} ({self.status})"

    @property
    def is_active(self) -> bool:
        """Waiting or being made, and not abandoned by a worker that stopped."""
        return self.status in self.ACTIVE and not self.looks_abandoned

    @property
    def looks_abandoned(self) -> bool:
        return self.is_abandoned(now=timezone.now())

    def is_abandoned(self, *, now: datetime.datetime) -> bool:
        """Whether this job is "being made" long after its solve must have stopped."""
        if self.status != self.Status.RUNNING or self.started_at is None:
            return False
        limit = datetime.timedelta(seconds=self.time_limit_seconds) + self.ABANDONED_AFTER_LIMIT
        return now - self.started_at > limit

    @property
    def closeness(self) -> int | None:
        """How close the best rota so far is to the best possible, in percent."""
        if self.best_objective is None or self.best_bound is None:
            return None
        if self.best_objective <= 0:
            return 100
        return max(0, min(100, int(100 * self.best_bound / self.best_objective)))
