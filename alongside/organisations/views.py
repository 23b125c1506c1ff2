from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render

from alongside.policy import visible_people, visible_services
from alongside.policy.access import AuthenticatedHttpRequest, PolicyView

from .models import Service


class ServiceView(PolicyView):
    policy_rule = "organisations.see_service"

    def get_policy_object(self) -> Service:
        service = (
            visible_services(
                Service.objects.select_related("region", "organisation"), self.request.user
            )
            .filter(pk=self.kwargs["service_id"])
            .first()
        )
        if service is None:
            raise Http404
        return service

    def get(self, request: AuthenticatedHttpRequest, service_id: int) -> HttpResponse:
        service = self.policy_object
        people = None
        if request.user.has_perm("organisations.see_service_people", service):
            people = visible_people(service.people.all(), request.user)
        return render(request, "organisations/service.html", {"service": service, "people": people})
