"""Read-only API. Lists start from the user-scoped querysets; one record answers 404
when the user may not see it, as a missing one does."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView
from rest_framework import routers, viewsets

from alongside.organisations.models import Service
from alongside.people.models import Person
from alongside.policy import visible_services

from .permissions import FollowsPolicy
from .serializers import PersonSerializer, ServiceSerializer


class PersonViewSet(viewsets.ReadOnlyModelViewSet[Person]):
    serializer_class = PersonSerializer
    permission_classes = [FollowsPolicy]
    policy_rule = "api.use"
    object_rule = "people.see_record"

    def get_queryset(self) -> QuerySet[Person]:
        return Person.objects.visible_to(self.request.user).order_by("id")  # type: ignore[arg-type]


class ServiceViewSet(viewsets.ReadOnlyModelViewSet[Service]):
    serializer_class = ServiceSerializer
    permission_classes = [FollowsPolicy]
    policy_rule = "api.use"
    object_rule = "organisations.see_service"

    def get_queryset(self) -> QuerySet[Service]:
        return visible_services(
            Service.objects.select_related("region"), self.request.user
        ).order_by("id")


class ApiRootView(routers.APIRootView):
    permission_classes = [FollowsPolicy]
    policy_rule = "api.use"


class SchemaView(SpectacularAPIView):
    permission_classes = [FollowsPolicy]
    policy_rule = "api.use"


class DocsView(SpectacularRedocView):
    permission_classes = [FollowsPolicy]
    policy_rule = "api.use"
