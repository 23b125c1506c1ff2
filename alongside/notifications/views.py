"""The admin's list of emails that could not be sent, with the reason; and each reader's
"How we tell you": which messages also come by email."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render

from alongside.policy.access import AuthenticatedHttpRequest, OwnOrganisationView, PolicyView

from . import services
from .forms import HowWeTellYouForm
from .selectors import FAILED_SHOWN, email_kinds_of, failed_emails_of, kinds_for


class FailedEmailsView(OwnOrganisationView):
    policy_rule = "notifications.see_failed_emails"

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        emails = list(failed_emails_of(organisation_id=self.organisation.pk))
        return render(
            request,
            "notifications/failed_emails.html",
            {"organisation": self.organisation, "emails": emails, "shown": FAILED_SHOWN},
        )


class HowWeTellYouView(PolicyView):
    """The signed-in user's own choice of which messages come by email."""

    policy_rule = "accounts.manage_own_account"

    def get(
        self, request: AuthenticatedHttpRequest, form: HowWeTellYouForm | None = None
    ) -> HttpResponse:
        kinds = kinds_for(user=request.user)
        if form is None:
            chosen = email_kinds_of(user=request.user)
            form = HowWeTellYouForm(
                kinds=kinds,
                initial={"by_email": [i.kind.value for i in kinds if i.kind.value in chosen]},
            )
        return render(
            request,
            "notifications/how_we_tell_you.html",
            {"form": form, "kinds": kinds, "email": getattr(request.user, "email", "")},
        )

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        kinds = kinds_for(user=request.user)
        form = HowWeTellYouForm(request.POST, kinds=kinds)
        if not form.is_valid():
            return self.get(request, form=form)
        services.choose_email_kinds(
            user=request.user,
            by_email=form.cleaned_data["by_email"],
            kinds=[info.kind.value for info in kinds],
        )
        messages.success(request, "Saved. We will tell you the way you chose.")
        return redirect("notifications:how-we-tell-you")
