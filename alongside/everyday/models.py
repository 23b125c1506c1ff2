"""How the person is today (a check-in), in their own words and pictures."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from alongside.people.models import Person


class Feeling(models.IntegerChoices):
    """Five pictures with words. Higher is a better day."""

    GREAT = 5, "I feel great"
    GOOD = 4, "I feel good"
    OK = 3, "I feel OK"
    LOW = 2, "I feel low"
    BAD = 1, "I am having a bad day"


FEELING_PICTURES = {
    Feeling.GREAT: "feeling-great",
    Feeling.GOOD: "feeling-good",
    Feeling.OK: "feeling-ok",
    Feeling.LOW: "feeling-low",
    Feeling.BAD: "feeling-bad",
}

# A day at or below this is a bad day: the person may choose to tell their team on shift.
BAD_DAY_AT_OR_BELOW = Feeling.LOW


class CheckIn(models.Model):
    """How the person is today and what would help. One a day; they can change it that day."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="check_ins")
    on = models.DateField("day")
    feeling = models.PositiveSmallIntegerField("how I feel", choices=Feeling.choices)
    # Chosen from the person's own About me ("what helps on a bad day").
    helps = models.JSONField("what would help today", default=list, blank=True)
    note = models.TextField("anything else", blank=True)
    with_support = models.BooleanField("done with a support worker", default=False)
    alert_team = models.BooleanField("tell my team on shift if it is a bad day", default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["person", "-on"]
        constraints = [
            models.UniqueConstraint(fields=["person", "on"], name="one_check_in_per_person_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.person} on {self.on:%d %B %Y}"

    def clean(self) -> None:
        if not isinstance(self.helps, list) or not all(isinstance(h, str) for h in self.helps):
            raise ValidationError({"helps": "Choose what would help from the list."})

    @property
    def picture(self) -> str:
        return FEELING_PICTURES[Feeling(self.feeling)]

    @property
    def is_bad_day(self) -> bool:
        return self.feeling <= BAD_DAY_AT_OR_BELOW

    @property
    def alerts_team(self) -> bool:
        return self.alert_team and self.is_bad_day
