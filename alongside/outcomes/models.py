"""Outcomes: pre-computed monthly counts of check-ins (so the outcome pages stay fast with
millions of check-ins), and the organisation's yearly Making It Real self-assessment."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from alongside.organisations.models import Organisation, Service
from alongside.quality.models import Theme
from alongside.visibility import VisibleQuerySet


class CheckInMonth(models.Model):
    """How many check-ins of each feeling the people of one council at one service made in
    one month. Kept correct by `rollups.refresh_check_in_months` (see ADR 0050)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="+")
    council = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()  # the first day of the month
    great = models.PositiveIntegerField(default=0)
    good = models.PositiveIntegerField(default=0)
    ok = models.PositiveIntegerField(default=0)
    low = models.PositiveIntegerField(default=0)
    bad = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["service", "council", "month"], name="one_check_in_month_per_bucket"
            )
        ]
        indexes = [
            models.Index(fields=["council", "month"]),
            models.Index(fields=["month", "service"]),
        ]

    def __str__(self) -> str:
        return f"{self.service_id}/{self.council_id} {self.month:%B %Y}"


class RollupWatermark(models.Model):
    """How far a roll-up has read its source's change log (a history table's ids)."""

    name = models.CharField(max_length=60, unique=True)
    last_id = models.BigIntegerField(default=0)
    rebuilt_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} at {self.last_id}"


class WeStatement(models.Model):
    """One of an organisation's "We statements" for a Making It Real theme. It belongs to the
    theme of one edition, so a later edition never changes an earlier assessment."""

    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="we_statements")
    key = models.CharField(max_length=60)
    text = models.TextField()
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["theme__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["theme", "key"], name="unique_we_statement_key")
        ]

    def __str__(self) -> str:
        return self.text


class Rating(models.IntegerChoices):
    NOT_YET = 1, "Not yet"
    STARTING = 2, "Just starting"
    GETTING_THERE = 3, "Getting there"
    DOING_WELL = 4, "Doing it well"


class SelfAssessmentQuerySet(VisibleQuerySet["SelfAssessment"]):
    """SelfAssessment records; `visible_to(user)` asks the policy."""


class SelfAssessment(models.Model):
    """The organisation's yearly look at its We statements, rated together with people we
    support. One a year for each organisation."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="self_assessments"
    )
    year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    edition = models.ForeignKey(
        "quality.Edition", on_delete=models.PROTECT, related_name="self_assessments"
    )
    # Who took part: people we support by name (as they want to be named), and quality checkers.
    people_taking_part = models.TextField(
        "people we support who took part",
        blank=True,
        help_text="Their names, as they would like to be named.",
    )
    checkers_taking_part = models.ManyToManyField(
        "quality.QualityChecker", blank=True, related_name="self_assessments"
    )
    staff_taking_part = models.TextField("staff who took part", blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    objects = SelfAssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["organisation", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"], name="one_self_assessment_a_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} Making It Real {self.year}"

    def clean(self) -> None:
        if self.year and self.year > datetime.date.today().year + 1:
            raise ValidationError({"year": "Choose this year or next year."})


class WeStatementRating(models.Model):
    """How well the organisation does one We statement this year, and the evidence."""

    assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="ratings")
    statement = models.ForeignKey(WeStatement, on_delete=models.PROTECT, related_name="ratings")
    rating = models.PositiveSmallIntegerField(choices=Rating.choices)
    evidence = models.TextField("what shows this", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["statement__theme__position", "statement__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "statement"], name="one_rating_per_we_statement"
            )
        ]

    def __str__(self) -> str:
        return f"{self.statement}: {self.get_rating_display()}"


class SelfAssessmentAction(models.Model):
    """Something the organisation will do to get better: what, who and by when."""

    assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="actions")
    statement = models.ForeignKey(
        WeStatement, on_delete=models.PROTECT, null=True, blank=True, related_name="actions"
    )
    what = models.TextField("what we will do")
    who = models.CharField("who will do it", max_length=200)
    by_when = models.DateField("by when")
    done = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["by_when", "id"]

    def __str__(self) -> str:
        return self.what


class ChosenHoursMonth(models.Model):
    """From the published rota weeks of one service whose Monday falls in one month: the
    minutes of support of the council's people who chose workers they would rather have, and
    how many of those minutes were with one of them. Kept correct by
    `rollups.refresh_chosen_hours` (see ADR 0050)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="+")
    council = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()  # the first day of the month of the weeks' Mondays
    minutes = models.PositiveIntegerField(default=0)
    minutes_with_chosen = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["service", "council", "month"], name="one_chosen_hours_month_per_bucket"
            )
        ]
        indexes = [
            models.Index(fields=["council", "month"]),
            models.Index(fields=["month", "service"]),
        ]

    def __str__(self) -> str:
        return f"{self.service_id}/{self.council_id} {self.month:%B %Y}"
