"""Providers, councils, their regions and services, and the people who work in them."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from alongside.visibility import VisibleQuerySet


class Organisation(models.Model):
    class Kind(models.TextChoices):
        PROVIDER = "provider", "Support provider"
        COUNCIL = "council", "Council"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Region(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="regions")
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_region_name")
        ]

    def __str__(self) -> str:
        return self.name


class ServiceQuerySet(VisibleQuerySet["Service"]):
    """Service records; `visible_to(user)` asks the policy."""


class Service(models.Model):
    """A supported-living home or scheme run by a provider."""

    class Kind(models.TextChoices):
        SUPPORTED_LIVING = "supported_living", "Supported living"
        HOME = "home", "Care home"
        SCHEME = "scheme", "Community scheme"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="services"
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="services")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.SUPPORTED_LIVING)
    address_line_1 = models.CharField(max_length=200)
    address_line_2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100)
    postcode = models.CharField(max_length=10)
    # The organisation's own reference for it: what a re-import matches on.
    reference = models.CharField("your reference", max_length=60, blank=True, default="")
    history = HistoricalRecords()

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["organisation", "region"])]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "reference"],
                condition=~models.Q(reference=""),
                name="unique_service_reference",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def address(self) -> str:
        parts = [self.address_line_1, self.address_line_2, self.town, self.postcode]
        return ", ".join(p for p in parts if p)


class Skill(models.Model):
    """Something a session may need, such as being medication trained or a driver."""

    name = models.CharField(max_length=80, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class StaffMember(models.Model):
    class Role(models.TextChoices):
        SUPPORT_WORKER = "support_worker", "Support worker"
        SERVICE_MANAGER = "service_manager", "Service manager"
        QUALITY_LEAD = "quality_lead", "Quality lead"
        ORG_ADMIN = "org_admin", "Organisation admin"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_member"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="staff")
    role = models.CharField(max_length=30, choices=Role.choices)
    services = models.ManyToManyField(Service, blank=True, related_name="staff")
    skills = models.ManyToManyField(Skill, blank=True, related_name="staff")
    contracted_hours = models.DecimalField(
        "contracted hours a week",
        max_digits=4,
        decimal_places=1,
        default=Decimal("37.5"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("99"))],
    )
    about_me = models.TextField(
        "a few words about me", blank=True, help_text="Interests, languages, what I enjoy."
    )
    # The organisation's own reference (payroll or HR number): what a re-import matches on.
    reference = models.CharField("your reference", max_length=60, blank=True, default="")
    # Skills decide which sessions a worker may be given, so who changed them is kept too.
    history = HistoricalRecords(m2m_fields=[skills])

    class Meta:
        ordering = ["user__display_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "reference"],
                condition=~models.Q(reference=""),
                name="unique_staff_reference",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class CouncilWorker(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="council_worker"
    )
    council = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="council_workers",
        limit_choices_to={"kind": Organisation.Kind.COUNCIL},
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["user__display_name"]

    def __str__(self) -> str:
        return f"{self.user} ({self.council})"
