"""The admin's list of emails that could not be sent, with the reason."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from alongside.policy.access import OwnOrganisationView

from .selectors import FAILED_SHOWN, failed_emails_of


class FailedEmailsView(OwnOrganisationView):
    policy_rule = "notifications.see_failed_emails"

    def get(self, request: HttpRequest) -> HttpResponse:
        emails = list(failed_emails_of(organisation_id=self.organisation.pk))
        return render(
            request,
            "notifications/failed_emails.html",
            {"organisation": self.organisation, "emails": emails, "shown": FAILED_SHOWN},
        )
