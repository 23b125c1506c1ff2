"""People we support and the supporters they choose."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from alongside.organisations.models import Organisation, Service
from alongside.visibility import VisibleQuerySet

from .sharing import ABOUT_ME_PARTS, Part, SupporterScope, default_sharing, is_known_audience
from .validators import validate_nhs_number

if TYPE_CHECKING:
    pass


class PersonQuerySet(VisibleQuerySet["Person"]):
    """People we support. Every list of people starts from `visible_to(user)`: only the
    people this user may see at all (the policy's `visible_people`)."""


def field_label(model: type[models.Model], name: str) -> str:
    """The words a person reads for one of the model's own fields: its verbose name.

    `_meta.get_field` may also answer a relation, which has no verbose name: the fields asked
    of here are all the model's own.
    """
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field):
        raise TypeError(f"{model.__name__}.{name} is a relation, not one of its own fields")
    return str(field.verbose_name)


class Person(models.Model):
    """A person we support. Their own sign-in is optional."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    preferred_name = models.CharField("the name I like to be called", max_length=100)
    full_name = models.CharField("my full name", max_length=200)
    pronouns = models.CharField("my pronouns", max_length=40, blank=True)
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="people")
    council = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="people_funded",
        limit_choices_to={"kind": Organisation.Kind.COUNCIL},
    )
    date_of_birth = models.DateField("my date of birth", null=True, blank=True)
    nhs_number = models.CharField(
        "NHS number", max_length=10, blank=True, default="", validators=[validate_nhs_number]
    )
    # The funding council's own reference for the person.
    council_reference = models.CharField(
        "council's reference", max_length=60, blank=True, default=""
    )
    # The support provider whose own reference `reference` is: what a re-import matches on.
    provider = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people_referenced",
    )
    reference = models.CharField("provider's reference", max_length=60, blank=True, default="")
    # Who may see each part: {part: [audience, ...]}. The person changes it.
    sharing = models.JSONField(default=default_sharing)
    # Raised on every change so that two people editing at once are told (never overwritten).
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["preferred_name", "id"]
        verbose_name_plural = "people"
        indexes = [models.Index(fields=["council"])]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "reference"],
                condition=~models.Q(reference=""),
                name="unique_person_reference",
            )
        ]

    def __str__(self) -> str:
        return self.preferred_name

    def clean(self) -> None:
        if self.council_id and self.council.kind != Organisation.Kind.COUNCIL:
            raise ValidationError({"council": "Choose a council, not a support provider."})
        for part, audiences in (self.sharing or {}).items():
            if part not in Part.values or not all(is_known_audience(a) for a in audiences):
                raise ValidationError({"sharing": "These sharing choices are not ones we know."})

    def shares(self, part: str, audience: str) -> bool:
        return audience in (self.sharing or {}).get(part, [])


class Supporter(models.Model):
    """Someone the person has chosen to help them: family, a friend, an advocate."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="supporters")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supporting"
    )
    relationship = models.CharField("who they are to me", max_length=100)
    scopes = models.JSONField(default=list, blank=True)
    is_active = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["user__display_name"]
        constraints = [
            models.UniqueConstraint(fields=["person", "user"], name="one_supporter_link")
        ]

    def __str__(self) -> str:
        return f"{self.user} supports {self.person}"

    def clean(self) -> None:
        unknown = [s for s in self.scopes if s not in SupporterScope.values]
        if unknown:
            raise ValidationError({"scopes": "These choices are not ones we know."})

    def has_scope(self, scope: str) -> bool:
        return self.is_active and scope in self.scopes


class AboutMeSection(models.Model):
    """One section of the person's About me, in their own words. Only the person (or a
    supporter they allow) writes it; staff propose changes (AboutMeProposal)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="about_me")
    part = models.CharField(max_length=40, choices=[(p.value, p.label) for p in ABOUT_ME_PARTS])
    text = models.TextField(blank=True)
    # 0 until first written; raised on every save so concurrent edits are caught.
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["person", "part"]
        constraints = [
            models.UniqueConstraint(fields=["person", "part"], name="one_about_me_section_per_part")
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_part_display()}"


class Proposal(models.Model):
    """A suggested change from staff. It takes effect only when the person (or a supporter
    they allow) says yes. Declining needs no reason."""

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting for an answer"
        ACCEPTED = "accepted", "Said yes"
        DECLINED = "declined", "Said no"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="proposals")
    part = models.CharField(max_length=40, choices=Part.choices)
    # For About me: the section's new text. For the plan: the proposed PlanVersion.
    proposed_text = models.TextField(blank=True)
    plan_version = models.OneToOneField(
        "PlanVersion", on_delete=models.CASCADE, null=True, blank=True, related_name="proposal"
    )
    note = models.CharField("why I suggest this", max_length=500, blank=True)
    based_on_version = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.WAITING)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    proposed_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-proposed_at"]
        indexes = [models.Index(fields=["person", "status"])]

    def __str__(self) -> str:
        return f"Suggestion for {self.person}: {self.get_part_display()}"

    def clean(self) -> None:
        if self.part == Part.PLAN and self.plan_version_id is None:
            raise ValidationError({"plan_version": "A plan suggestion needs the suggested plan."})
        if self.part != Part.PLAN and self.part not in [p.value for p in ABOUT_ME_PARTS]:
            raise ValidationError({"part": "Suggestions are for About me or the plan."})


PLAN_FIELDS = (
    "my_goals",
    "support_with",
    "how_i_like_support",
    "who_supports_me",
    "my_medicines",
    "risks",
)


class PlanVersion(models.Model):
    """One version of the person's support plan, written in the first person.

    Exactly one version per person is current: the one the person agreed last. Versions
    suggested by staff wait as proposals until the person says yes.
    """

    class Status(models.TextChoices):
        CURRENT = "current", "My plan now"
        EARLIER = "earlier", "An earlier plan"
        SUGGESTED = "suggested", "Suggested"
        NOT_AGREED = "not_agreed", "Not agreed"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="plan_versions")
    number = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices)
    my_goals = models.TextField("my goals", blank=True)
    support_with = models.TextField("what I want support with", blank=True)
    how_i_like_support = models.TextField("how I like to be supported", blank=True)
    who_supports_me = models.TextField("who supports me", blank=True)
    my_medicines = models.TextField("my medicines", blank=True)
    risks = models.TextField("risks I choose to take, and how I take them", blank=True)
    review_date = models.DateField("when we look at my plan again", null=True, blank=True)
    based_on = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    written_at = models.DateTimeField(auto_now_add=True)
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    agreed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["person", "-number", "-written_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(status="current"),
                name="one_current_plan_per_person",
            ),
            models.UniqueConstraint(
                fields=["person", "number"], name="plan_numbers_unique_per_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}'s plan, version {self.number or '(suggested)'}"
