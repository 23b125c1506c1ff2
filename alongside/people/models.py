"""People we support and the supporters they choose."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from alongside.organisations.models import Organisation, Service

from .sharing import Audience, Part, SupporterScope, default_sharing

if TYPE_CHECKING:
    from alongside.accounts.models import User


class PersonQuerySet(models.QuerySet["Person"]):
    def visible_to(self, user: User) -> PersonQuerySet:
        """Only the people this user may see at all. Every list of people starts here."""
        from alongside.policy import visible_people

        return visible_people(self, user)  # type: ignore[return-value]


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
    what_matters_to_me = models.TextField("what matters to me", blank=True)
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

    def __str__(self) -> str:
        return self.preferred_name

    def clean(self) -> None:
        if self.council_id and self.council.kind != Organisation.Kind.COUNCIL:
            raise ValidationError({"council": "Choose a council, not a support provider."})
        for part, audiences in (self.sharing or {}).items():
            if part not in Part.values or any(a not in Audience.values for a in audiences):
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
