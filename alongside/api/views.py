"""Read-only API. Lists start from the user-scoped querysets; one record answers 404
when the user may not see it, as a missing one does."""

from __future__ import annotations

import datetime
from typing import Any

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_replace
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.decorators import method_decorator
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView
from rest_framework import generics, routers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from alongside.audit.reads import note_read
from alongside.concurrency import EditConflict
from alongside.everyday.models import Suggestion
from alongside.everyday.selectors import check_in_on, check_ins_newest_first, you_said_we_did
from alongside.everyday.services import save_check_in
from alongside.fhir.export import record_bundle_json
from alongside.fhir.renderers import FhirJsonRenderer
from alongside.organisations.models import Service
from alongside.organisations.selectors import service_by_id
from alongside.people.models import Person
from alongside.people.sharing import Part
from alongside.policy import PersonPart

from . import selectors
from .etags import PreconditionFailed, etag_for, expected_version
from .permissions import AuthenticatedRequest, FollowsPolicy
from .resources import DATE_FILTERS, SERVICE_FILTER, _refusal, between, service_param
from .serializers import (
    CheckInSerializer,
    CheckInWriteSerializer,
    PersonSerializer,
    ServiceSerializer,
    SuggestionSerializer,
)


class PersonViewSet(viewsets.ReadOnlyModelViewSet[Person]):
    serializer_class = PersonSerializer
    permission_classes = [FollowsPolicy]
    policy_rule = "api.use"
    object_rule = "people.see_record"
    audit_page = "Their record, through the API"

    def get_queryset(self) -> QuerySet[Person]:
        service = service_param(self.request) if self.action == "list" else None
        return selectors.people_for(user=self.request.user, service_id=service)

    def get_object(self) -> Person:
        person = super().get_object()
        note_read(person)  # "who looked": one person asked for
        return person

    @extend_schema(parameters=[SERVICE_FILTER])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().list(request, *args, **kwargs)
        data: Any = response.data
        sent = data["results"] if isinstance(data, dict) else data
        note_read([row["id"] for row in sent])  # "who looked": each person in the answer
        return response

    @extend_schema(
        responses={
            (200, "application/fhir+json"): OpenApiTypes.OBJECT,
        },
        description="The person's record as a FHIR R4 Bundle (type collection, R4B models): "
        "Patient, RelatedPerson, CarePlan, Goal, QuestionnaireResponse and Consent, each "
        "only when the person shares that part with you.",
    )
    @action(
        detail=True,
        url_path="fhir",
        url_name="fhir",
        renderer_classes=[FhirJsonRenderer, JSONRenderer],
    )
    def fhir(self, request: Request, pk: str | None = None) -> Response:
        """The person's record as a FHIR Bundle, limited to what they share with you."""
        person = self.get_object()
        note_read(person, page="Their record as FHIR, through the API")
        return Response(
            record_bundle_json(person=person, viewer=request.user),
            content_type="application/fhir+json",
        )

    def _check_in_part(self, request: Request) -> tuple[Person, Any]:
        person = self.get_object()
        part: Any = PersonPart(person, Part.TODAY)
        if not request.user.has_perm("everyday.see_check_ins", part):
            raise NotFound
        return person, part

    def _one_check_in(self, request: Request, person: Person, on: datetime.date) -> Response:
        check_in = check_in_on(person=person, on=on)
        if check_in is None:
            raise NotFound("There is no check-in for this day.")
        sees_helps = request.user.has_perm("everyday.see_what_helps", person)
        data = CheckInSerializer(check_in, context={"sees_what_helps": sees_helps}).data
        return Response(data, headers={"ETag": etag_for(check_in.version)})

    @extend_schema(
        methods=["GET"],
        responses=CheckInSerializer,
        description="One day's check-in, with its ETag for a later change.",
    )
    @extend_schema(
        methods=["PUT"],
        request=CheckInWriteSerializer,
        parameters=[
            OpenApiParameter(
                "If-Match",
                str,
                OpenApiParameter.HEADER,
                description="The ETag you read, to change a check-in.",
            ),
            OpenApiParameter(
                "If-None-Match",
                str,
                OpenApiParameter.HEADER,
                description="`*` to add the day's check-in when there is none yet.",
            ),
        ],
        responses=CheckInSerializer,
        description="Record or change how the person is on a day, as the check-in page does: "
        "by the person, or a support worker at their service when they share how they are "
        "with their team. Without If-Match (or If-None-Match: * for a new one) the answer is "
        "428; with a stale ETag 412. Either way nothing changes.",
    )
    @action(
        detail=True,
        methods=["get", "put"],
        url_path=r"check-ins/(?P<on>\d{4}-\d{2}-\d{2})",
        url_name="check-in",
    )
    def check_in(self, request: AuthenticatedRequest, on: str, pk: str | None = None) -> Response:
        """One day's check-in: read it (with its ETag), or record it with If-Match."""
        try:
            day = datetime.date.fromisoformat(on)
        except ValueError:
            raise NotFound("There is no such day.") from None
        person, part = self._check_in_part(request)
        note_read(person, page="How they have been, through the API")
        if request.method == "GET":
            return self._one_check_in(request, person, day)
        if not request.user.has_perm("everyday.check_in", part):
            raise PermissionDenied("You may not record how this person is.")
        if day != timezone.localdate():
            raise ValidationError({"on": ["A check-in is for today only."]})
        current = check_in_on(person=person, on=day)
        expected = expected_version(request, current.version if current else None)
        serializer = CheckInWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        helps = data["helps"]
        if not request.user.has_perm("everyday.see_what_helps", person):
            helps = None  # what helps is not theirs to see, so not theirs to change
        try:
            save_check_in(
                person=person,
                recorded_by=request.user,
                on=day,
                expected_version=expected,
                feeling=data["feeling"],
                helps=helps,
                note=data["note"],
                alert_team=data["alert_team"],
            )
        except EditConflict:
            raise PreconditionFailed from None
        except DjangoValidationError as error:
            raise _refusal(error) from None
        return self._one_check_in(request, person, day)

    @extend_schema(responses=CheckInSerializer(many=True), parameters=DATE_FILTERS)
    @action(detail=True, url_path="check-ins", url_name="check-ins")
    def check_ins(self, request: Request, pk: str | None = None) -> Response:
        """The person's check-ins, newest first, when they share how they are with you.
        A person who does not share it answers as a missing one does. `helps` is null when
        they do not share what helps on a bad day with you."""
        person = self.get_object()
        part: Any = PersonPart(person, Part.TODAY)
        if not request.user.has_perm("everyday.see_check_ins", part):
            raise NotFound
        note_read(person, page="How they have been, through the API")
        check_ins: Any = between(check_ins_newest_first(person=person), request, "on")
        page = self.paginate_queryset(check_ins)
        sees_helps = request.user.has_perm("everyday.see_what_helps", person)
        serializer = CheckInSerializer(page, many=True, context={"sees_what_helps": sees_helps})
        return self.get_paginated_response(serializer.data)


class ServiceViewSet(viewsets.ReadOnlyModelViewSet[Service]):
    serializer_class = ServiceSerializer
    permission_classes = [FollowsPolicy]
    policy_rule = "api.use"
    object_rule = "organisations.see_service"

    def get_queryset(self) -> QuerySet[Service]:
        return selectors.services_for(user=self.request.user)


class YouSaidWeDidView(generics.ListAPIView[Suggestion]):
    """ "You said, we did" for a service you live at, support someone at or work at: each
    idea and what happened. A service you are not connected to answers as a missing one."""

    serializer_class = SuggestionSerializer
    permission_classes = [FollowsPolicy]
    policy_rule = "api.use"

    def get_queryset(self) -> QuerySet[Suggestion]:
        service = service_by_id(service_id=self.kwargs["service_id"])
        if service is None or not self.request.user.has_perm(
            "everyday.see_you_said_we_did", service
        ):
            raise NotFound
        return you_said_we_did(service=service)


class SuggestionViewSet(viewsets.ReadOnlyModelViewSet[Suggestion]):
    """Ideas waiting for an answer, for the managers of their services."""

    serializer_class = SuggestionSerializer
    permission_classes = [FollowsPolicy]
    policy_rule = "everyday.see_suggestions"
    object_rule = "everyday.respond_to_suggestion"

    @extend_schema(parameters=[SERVICE_FILTER, *DATE_FILTERS])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Ideas for your services, newest first; `from` and `to` are on the day received."""
        return super().list(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[Suggestion]:
        if self.action != "list":
            return selectors.suggestions_for(user=self.request.user)
        ideas = selectors.suggestions_for(
            user=self.request.user, service_id=service_param(self.request)
        )
        return between(ideas, self.request, "received_at__date")


class ApiRootView(routers.APIRootView):
    permission_classes = [FollowsPolicy]
    policy_rule = "api.use"


class SchemaView(SpectacularAPIView):
    permission_classes = [FollowsPolicy]
    policy_rule = "api.use"


# Redoc (a third-party page) adds its own <style> elements and runs its search in a worker,
# so this one page allows inline styles and blob: workers; scripts stay our own files only.
@method_decorator(
    csp_replace({"style-src": [SELF, UNSAFE_INLINE], "worker-src": [SELF, "blob:"]}),
    name="dispatch",
)
class DocsView(SpectacularRedocView):
    permission_classes = [FollowsPolicy]
    policy_rule = "api.use"
    template_name = "api/redoc.html"
