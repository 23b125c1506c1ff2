"""The organisation admin's page for integration clients: make one (its token is shown once)
and revoke one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from alongside.policy.access import AuthenticatedHttpRequest, OwnOrganisationView

from . import selectors, services
from .forms import ClientForm


class ClientsView(OwnOrganisationView):
    policy_rule = "api.manage_clients"

    def _staff(self) -> list[tuple[int, str]]:
        return [
            (m.user.pk, f"{m.user.display_name} ({m.get_role_display()})")
            for m in selectors.staff_by_name(organisation=self.organisation)
        ]

    def _page(self, form: ClientForm, token: str = "") -> HttpResponse:
        clients = selectors.clients_of(organisation=self.organisation)
        return render(
            self.request,
            "api/clients.html",
            {"organisation": self.organisation, "form": form, "clients": clients, "token": token},
        )

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        return self._page(ClientForm(staff=self._staff()))

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = ClientForm(request.POST, staff=self._staff())
        if not form.is_valid():
            return self._page(form)
        data = form.cleaned_data
        acts_as = selectors.staff_account(organisation=self.organisation, user_id=data["acts_as"])
        try:
            _, token = services.create_client(
                organisation=self.organisation,
                name=data["name"],
                acts_as=acts_as,
                scope=data["scope"],
                days=data["days"],
                created_by=request.user,
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, " ".join(problems))
            return self._page(form)
        # Shown here once, never again: only its hash is kept.
        return self._page(ClientForm(staff=self._staff()), token=token)


class ClientRevokeView(OwnOrganisationView):
    policy_rule = "api.manage_clients"
    http_method_names = ["post"]

    def post(self, request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
        client = selectors.client_of(organisation=self.organisation, client_id=client_id)
        if client is None:
            raise Http404
        services.revoke_client(client=client, revoked_by=request.user)
        messages.success(request, f"{client.name} can no longer use the API.")
        return redirect("api-clients")
