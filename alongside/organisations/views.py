from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render

from alongside.policy.access import AuthenticatedHttpRequest, PolicyView

from . import selectors
from .models import Service


class ServiceView(PolicyView):
    policy_rule = "organisations.see_service"

    def get_policy_object(self) -> Service:
        service = selectors.service_for(
            user=self.request.user, service_id=self.kwargs["service_id"]
        )
        if service is None:
            raise Http404
        return service

    def get(self, request: AuthenticatedHttpRequest, service_id: int) -> HttpResponse:
        service = self.policy_object
        people = None
        if request.user.has_perm("organisations.see_service_people", service):
            people = selectors.people_at_service_for(service=service, user=request.user)
        return render(request, "organisations/service.html", {"service": service, "people": people})
