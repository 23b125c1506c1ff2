"""The quality app's messages (a check is planned), sent through
`alongside.notifications.services.notify`. Messages carry no more than the reader may
already see: the service and the day, both on the check's page."""

from __future__ import annotations

from django.urls import reverse

from alongside.notifications.kinds import Kind
from alongside.notifications.selectors import staff_of
from alongside.notifications.services import notify
from alongside.organisations.models import StaffMember

from .models import QualityCheck


def check_planned(*, check: QualityCheck) -> None:
    """Tell the checker (a person we support) and the service's managers that a check is
    planned, and when."""
    link = reverse("quality:check", args=[check.pk])
    service = check.service
    on = f"{check.planned_for:%A %-d %B %Y}"
    checker = check.checker.person.user if check.checker else None
    if checker is not None and checker.is_active:
        notify(
            users=[checker],
            kind=Kind.CHECK_PLANNED,
            text=f"You will check {service.name} on {on}.",
            link=link,
        )
    managers = [u for u in staff_of(service.pk, StaffMember.Role.SERVICE_MANAGER) if u.is_active]
    if managers:
        notify(
            users=managers,
            kind=Kind.CHECK_PLANNED,
            text=f"A quality check of {service.name} is planned for {on}.",
            link=link,
        )
