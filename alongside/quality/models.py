"""Co-produced quality checks: Making It Real reference data, quality checkers, checklists,
checks with their answers and photos, actions for the service, and the planner's proposals."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from alongside.organisations.models import Service
from alongside.people.models import Person
from alongside.visibility import VisibleQuerySet

# --- Making It Real: versioned reference data -----------------------------------------------


class Edition(models.Model):
    """One edition of the Making It Real statements. Never changed once loaded: a later
    edition is a new row, so checks keep the wording they were made against."""

    key = models.CharField(max_length=60, unique=True)
    framework = models.CharField(max_length=200)
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-loaded_at", "-id"]

    def __str__(self) -> str:
        return self.key


class Theme(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="themes")
    key = models.CharField(max_length=60)
    name = models.CharField(max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["edition", "position"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "key"], name="unique_theme_per_edition")
        ]

    def __str__(self) -> str:
        return self.name


class IStatement(models.Model):
    """An "I statement" (what good support looks like, said by the person)."""

    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="statements")
    key = models.CharField(max_length=60)
    text = models.TextField()
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["theme__edition", "theme__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["theme", "key"], name="unique_statement_per_theme")
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def question(self) -> str:
        """The easy-read question a checker asks at the service."""
        return f"Is this true here? “{self.text}”"


# --- Quality checkers ---------------------------------------------------------------------


class Need(models.TextChoices):
    """The support a checker needs to do a check."""

    COMPANION = "companion", "Someone to go with me"
    EASY_READ = "easy_read", "An easy-read checklist"
    EXTRA_TIME = "extra_time", "Extra time"
    QUIET_TIME = "quiet_time", "A quiet time of day"


class TrainingModule(models.TextChoices):
    BASICS = "basics", "Being a quality checker"
    MAKING_IT_REAL = "making_it_real", "Making It Real"
    SAFEGUARDING = "safeguarding", "Keeping people safe"
    REPORTS = "reports", "Writing what I found"


# A checker counts as trained (and their home as covered) once they finish this module.
CORE_MODULE = TrainingModule.BASICS


class QualityCheckerQuerySet(VisibleQuerySet["QualityChecker"]):
    """QualityChecker records; `visible_to(user)` asks the policy."""


class QualityChecker(models.Model):
    """A person we support who checks the quality of services, with their consent."""

    class HowSignedUp(models.TextChoices):
        VOLUNTEERED = "volunteered", "Volunteered themselves"
        SIGNED_UP_WITH_CONSENT = "signed_up", "Signed up with their consent"

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="quality_checker")
    how_signed_up = models.CharField(max_length=20, choices=HowSignedUp.choices)
    consent_given_on = models.DateField("the day they said yes")
    signed_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    needs = models.JSONField("the support I need to do a check", default=list, blank=True)
    availability = models.CharField("when I can do checks", max_length=300, blank=True)
    checks_per_month = models.PositiveSmallIntegerField(
        "how many checks a month I want to do",
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(8)],
    )
    # Their own home is always theirs to check. These are the other services they can check.
    other_services = models.ManyToManyField(Service, blank=True, related_name="quality_checkers")
    checks_in_region = models.BooleanField(
        "happy to check other services in my region", default=False
    )
    trained_on = models.DateField(null=True, blank=True)  # the day they finished CORE_MODULE
    is_active = models.BooleanField(default=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    objects = QualityCheckerQuerySet.as_manager()

    class Meta:
        ordering = ["person__preferred_name", "id"]
        indexes = [models.Index(fields=["is_active", "trained_on"])]

    def __str__(self) -> str:
        return f"{self.person} (quality checker)"

    def clean(self) -> None:
        if any(n not in Need.values for n in self.needs or []):
            raise ValidationError({"needs": "These needs are not ones we know."})

    @property
    def home(self) -> Service:
        return self.person.service

    def checks_to_do(self) -> models.QuerySet[QualityCheck]:
        """Their planned checks, soonest first (a few, for their home page)."""
        return (
            self.checks.filter(status=QualityCheck.Status.PLANNED)
            .select_related("service")
            .order_by("planned_for", "id")[:5]
        )

    def need_labels(self) -> list[str]:
        labels = dict(Need.choices)
        return [str(labels[n]) for n in self.needs if n in labels]


class CheckerTraining(models.Model):
    checker = models.ForeignKey(QualityChecker, on_delete=models.CASCADE, related_name="training")
    module = models.CharField(max_length=30, choices=TrainingModule.choices)
    completed_on = models.DateField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["completed_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["checker", "module"], name="one_record_per_module")
        ]

    def __str__(self) -> str:
        return f"{self.get_module_display()} ({self.completed_on})"


# --- Checklists and checks ---------------------------------------------------------------


class Checklist(models.Model):
    """I statements chosen from one edition, asked as easy-read questions."""

    name = models.CharField(max_length=120)
    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="checklists")
    statements = models.ManyToManyField(IStatement, related_name="checklists")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class Face(models.TextChoices):
    """The face scale a checker answers with."""

    GOOD = "good", "Good"
    OK = "ok", "OK"
    NOT_GOOD = "not_good", "Not good"
    NOT_SEEN = "not_seen", "Did not see"


FACE_PICTURES = {
    Face.GOOD: "face-good",
    Face.OK: "face-ok",
    Face.NOT_GOOD: "face-not-good",
    Face.NOT_SEEN: "face-not-seen",
}


class QualityCheckQuerySet(VisibleQuerySet["QualityCheck"]):
    """QualityCheck records; `visible_to(user)` asks the policy."""


class QualityCheck(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        DONE = "done", "Done"

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="quality_checks")
    # If a checker's record is deleted, what they found stays, without their name.
    checker = models.ForeignKey(
        QualityChecker, on_delete=models.SET_NULL, null=True, related_name="checks"
    )
    checklist = models.ForeignKey(Checklist, on_delete=models.PROTECT, related_name="checks")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    planned_for = models.DateField()
    done_on = models.DateField(null=True, blank=True)
    re_check_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="re_checks"
    )
    summary = models.TextField("what I want to say about the visit", blank=True)
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    history = HistoricalRecords()

    objects = QualityCheckQuerySet.as_manager()

    class Meta:
        ordering = ["-planned_for", "-id"]
        indexes = [
            models.Index(fields=["service", "status", "done_on"]),
            models.Index(fields=["checker", "planned_for"]),
        ]

    def __str__(self) -> str:
        return f"Check of {self.service} on {self.planned_for}"

    def clean(self) -> None:
        if self.status == self.Status.DONE and self.done_on is None:
            raise ValidationError({"done_on": "Say which day the check was done."})


class Answer(models.Model):
    quality_check = models.ForeignKey(
        QualityCheck, on_delete=models.CASCADE, related_name="answers"
    )
    statement = models.ForeignKey(IStatement, on_delete=models.PROTECT, related_name="answers")
    face = models.CharField(max_length=10, choices=Face.choices)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["statement__theme__position", "statement__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["quality_check", "statement"], name="one_answer_per_statement"
            )
        ]
        indexes = [models.Index(fields=["statement", "face"])]

    def __str__(self) -> str:
        return f"{self.statement.key}: {self.get_face_display()}"

    @property
    def picture(self) -> str:
        return FACE_PICTURES[Face(self.face)]


class AnswerPhoto(models.Model):
    """A photo taken at the check. Stored re-encoded, with no location or camera data."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="photos")
    content_type = models.CharField(max_length=30)
    data = models.BinaryField()
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Photo {self.pk}"


class QualityActionQuerySet(VisibleQuerySet["QualityAction"]):
    """QualityAction records; `visible_to(user)` asks the policy."""


class QualityAction(models.Model):
    """Something the service manager must do because a checker found it "not good"."""

    class Status(models.TextChoices):
        OPEN = "open", "Waiting for the manager"
        ANSWERED = "answered", "Manager has answered; re-check planned"
        CLOSED = "closed", "Checked again"

    class Outcome(models.TextChoices):
        BETTER = "better", "Better when checked again"
        NOT_BETTER = "not_better", "Still not good when checked again"

    answer = models.OneToOneField(Answer, on_delete=models.CASCADE, related_name="action")
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="quality_actions")
    due_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    response = models.TextField("what we did", blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    closed_by_check = models.ForeignKey(
        QualityCheck,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="closed_actions",
    )
    outcome = models.CharField(max_length=12, choices=Outcome.choices, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    objects = QualityActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["service", "status"])]

    def __str__(self) -> str:
        return f"Action for {self.service}: {self.answer.statement.key}"

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.CLOSED


# --- The planner's proposals --------------------------------------------------------------


class PlanProposal(models.Model):
    """One proposal of the planner: this checker checks this service in this month."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Not this time"

    month = models.DateField()  # the first day of the month
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="plan_proposals")
    checker = models.ForeignKey(
        QualityChecker, on_delete=models.CASCADE, related_name="plan_proposals"
    )
    reason = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    planned_check = models.OneToOneField(
        QualityCheck, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposal"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["service__region__name", "service__name", "id"]
        indexes = [models.Index(fields=["month", "status"])]

    def __str__(self) -> str:
        return f"{self.checker} → {self.service} ({self.month:%B %Y})"


class VolunteerInvitation(models.Model):
    """A quality lead asked the people at a service to think about being quality checkers.
    Each person sees it on their home; they still say yes themselves (VolunteerView)."""

    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, related_name="volunteer_invitation"
    )
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="+")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    invited_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.person} invited to be a quality checker"
