"""The person's resources over the API: About me, suggested changes, meetings and their
actions, team choices and requests for a change, the budget and spending from it, reviews,
goals and the rota.

Every view is the page's twin: the same services write (and log the change in the person's
audit trail), the same policy rules decide, asked of the same object. A person the caller
may not see, or a part the person does not share with them, answers 404 as a missing one
does; a part they may see but not change answers 403. The API may suggest a change to
About me or the plan; only the person (or a supporter they allow) agrees, on their pages.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.metadata import SimpleMetadata
from rest_framework.request import Request
from rest_framework.response import Response

from alongside.concurrency import EditConflict
from alongside.everyday.models import Meeting, MeetingAction, Suggestion, SuggestionStatus
from alongside.everyday.selectors import planned_meeting
from alongside.everyday.services import (
    add_meeting_action,
    make_suggestion,
    plan_meeting,
    record_meeting,
    respond_to_suggestion,
    set_action_status,
)
from alongside.organisations.models import Service, StaffMember
from alongside.people import about_me
from alongside.people.models import AboutMeSection, Person
from alongside.people.selectors import proposals_for
from alongside.people.sharing import ABOUT_ME_PARTS, Part
from alongside.policy import PersonPart, visible_parts, visible_rota_services
from alongside.policy.access import fetch_person
from alongside.reviews.models import BudgetChange, Goal, PersonalBudget, Review, Spending
from alongside.reviews.selectors import council_worker_of
from alongside.reviews.services import (
    BudgetConflict,
    UseLine,
    add_goal,
    ask_for_review,
    change_goal,
    complete_review,
    propose_budget_change,
    record_spending,
    save_review_answers,
    start_review,
)
from alongside.rota.models import RotaShift, RotaWeek
from alongside.team.models import ChangeRequest, TeamChoice
from alongside.team.selectors import workers_at_service
from alongside.team.services import ask_for_change, set_team_choice

from . import resource_serializers as s
from .etags import PreconditionFailed, etag_for, expected_version
from .permissions import AuthenticatedRequest, FollowsPolicy
from .serializers import ErrorSerializer, SuggestionSerializer

# --- Filters: by service and by date, with plain-words refusals -------------------------

DATE_FILTERS = [
    OpenApiParameter(
        "from", str, OpenApiParameter.QUERY, description="Only those on or after this day."
    ),
    OpenApiParameter(
        "to", str, OpenApiParameter.QUERY, description="Only those on or before this day."
    ),
]
SERVICE_FILTER = OpenApiParameter(
    "service", int, OpenApiParameter.QUERY, description="Only those at this service (its id)."
)


def date_param(request: Request, name: str) -> datetime.date | None:
    text = request.query_params.get(name) or ""
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            {name: [f"“{text[:20]}” is not a day. Write it as YYYY-MM-DD, like 2026-12-03."]}
        ) from None


def service_param(request: Request) -> int | None:
    text = request.query_params.get("service") or ""
    if not text:
        return None
    if not text.isdigit() or len(text) > 12:
        raise ValidationError({"service": ["Give the service's id: a whole number."]})
    return int(text)


def between(queryset: QuerySet[Any], request: Request, field: str) -> QuerySet[Any]:
    """`queryset` limited by the request's `from` and `to` days on `field`."""
    first, last = date_param(request, "from"), date_param(request, "to")
    if first and last and first > last:
        raise ValidationError({"to": ["The last day cannot be before the first day."]})
    if first:
        queryset = queryset.filter(**{f"{field}__gte": first})
    if last:
        queryset = queryset.filter(**{f"{field}__lte": last})
    return queryset


def _versioned(serializer: Any, record: Any, status: int = 200) -> Response:
    """A record as the API shows it, with its version as the ETag for a later change."""
    return Response(
        serializer(record).data, status=status, headers={"ETag": etag_for(record.version)}
    )


def _refusal(error: DjangoValidationError) -> ValidationError:
    if hasattr(error, "error_dict"):
        return ValidationError(
            {k if k != "__all__" else "non_field_errors": v for k, v in error.message_dict.items()}
        )
    return ValidationError({"non_field_errors": error.messages})


# The shared refusals (alongside/api/schema.py documents them on every operation, in these
# shapes, whatever a view says); kept here so a view reads as what it answers.
WRITE_ERRORS = {
    400: s.FieldErrorsSerializer,
    403: ErrorSerializer,
    404: ErrorSerializer,
}
IF_MATCH = OpenApiParameter(
    "If-Match", str, OpenApiParameter.HEADER, description="The ETag you read, to change it."
)
VERSIONED_ERRORS = {**WRITE_ERRORS, 412: ErrorSerializer, 428: ErrorSerializer}
IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    str,
    OpenApiParameter.HEADER,
    description="`*` to add one when there is none yet.",
)


class DescribedWithoutLookup(SimpleMetadata):
    """OPTIONS says what an address is and what it reads and writes, without looking a record
    up: these resources fetch the person themselves (through the policy), not by `pk`."""

    def determine_metadata(self, request: Any, view: Any) -> dict[str, Any]:
        data = super().determine_metadata(request, view)
        data.pop("actions", None)
        return data

    def determine_actions(self, request: Any, view: Any) -> dict[str, Any]:
        return {}


class PersonResource(generics.GenericAPIView):
    """One part of one person's record. `read_rule` and `write_rule` are asked of the person
    (or of PersonPart(person, part) when `part` is set), as the pages ask them."""

    permission_classes = [FollowsPolicy]
    policy_rule = "api.use"
    read_rule = ""
    write_rule = ""
    part = ""
    audit_page = "Their record, through the API"
    serializer_class = ErrorSerializer  # each method says its own in the schema
    metadata_class: Any = DescribedWithoutLookup  # DRF takes the class; its stubs say an instance
    request: AuthenticatedRequest

    def get_person(self) -> Person:
        if not hasattr(self, "_person"):
            try:
                self._person = fetch_person(self.request.user, self.kwargs["person_id"])
            except Http404:
                raise NotFound from None
        return self._person

    def policy_object(self, part: str = "") -> Any:
        part = part or self.part
        person = self.get_person()
        return PersonPart(person, part) if part else person

    def ask(self, rule: str, part: str = "") -> Person:
        """The person, if the caller may `rule`; otherwise 404 (may not read) or 403."""
        user = self.request.user
        target = self.policy_object(part)
        if user.has_perm(rule, target):
            return self.get_person()
        if self.read_rule and user.has_perm(self.read_rule, self.policy_object(part)):
            raise PermissionDenied("You may not change this part of their record.")
        raise NotFound

    def one_of(self, records: QuerySet[Any], id_in_address: str) -> Any:
        """The record among `records` (the person's own) with the id in the address; 404 if
        there is none, as for someone who may not see it."""
        record = records.filter(pk=self.kwargs[id_in_address]).first()
        if record is None:
            raise NotFound
        return record

    def page(self, queryset: Any, serializer: Any, **context: Any) -> Response:
        rows = self.paginate_queryset(queryset)
        data = serializer(rows, many=True, context=context).data
        return self.get_paginated_response(data)


# --- About me ------------------------------------------------------------------------------


def _section_data(section: AboutMeSection) -> dict[str, Any]:
    return {
        "part": section.part,
        "label": Part(section.part).label,
        "text": section.text,
        "version": section.version,
    }


class AboutMeView(PersonResource):
    audit_page = "About me, through the API"
    pagination_class = None  # the sections, all of them: never more than a page

    @extend_schema(responses={200: s.AboutMeSectionSerializer(many=True), 404: ErrorSerializer})
    def get(self, request: AuthenticatedRequest, person_id: int) -> Response:
        """The About me sections the person shares with you, in order."""
        person = self.ask("people.see_record")
        allowed = visible_parts(request.user, person)
        saved = {x.part: x for x in AboutMeSection.objects.filter(person=person)}
        rows = [
            _section_data(saved.get(part) or AboutMeSection(person=person, part=part))
            for part in ABOUT_ME_PARTS
            if part in allowed
        ]
        return Response(rows)


class AboutMeSectionView(PersonResource):
    read_rule = "people.see_part"
    write_rule = "people.change_about_me"
    audit_page = "About me, through the API"

    def _part(self) -> str:
        part = self.kwargs["part"]
        if part not in ABOUT_ME_PARTS:
            raise NotFound("That is not a part of About me.")
        return str(part)

    def _answer(self, section: AboutMeSection) -> Response:
        return Response(_section_data(section), headers={"ETag": etag_for(section.version)})

    @extend_schema(responses={200: s.AboutMeSectionSerializer, 404: ErrorSerializer})
    def get(self, request: AuthenticatedRequest, person_id: int, part: str) -> Response:
        """One section, with its ETag for a later change."""
        part = self._part()
        person = self.ask(self.read_rule, part)
        section = AboutMeSection.objects.filter(person=person, part=part).first()
        return self._answer(section or AboutMeSection(person=person, part=part, version=0))

    @extend_schema(
        request=s.AboutMeWriteSerializer,
        parameters=[IF_MATCH],
        responses={200: s.AboutMeSectionSerializer, **VERSIONED_ERRORS},
        description="The person (or a supporter they allow to help write About me) writes "
        'the section in their own words. Send If-Match with the ETag you read ("0" for a '
        "section never written): without it 428, stale 412, and nothing changes.",
    )
    def put(self, request: AuthenticatedRequest, person_id: int, part: str) -> Response:
        part = self._part()
        person = self.ask(self.write_rule, part)
        current = AboutMeSection.objects.filter(person=person, part=part).first()
        version = current.version if current else 0
        # A section never written is version 0: If-Match "0", or If-None-Match: *, adds it.
        only_new = "If-Match" not in request.headers and "If-None-Match" in request.headers
        expected = expected_version(request, (version or None) if only_new else version)
        body = s.AboutMeWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            section = about_me.write_about_me_section(
                person=person,
                part=part,
                text=body.validated_data["text"],
                written_by=request.user,
                expected_version=expected,
            )
        except EditConflict:
            raise PreconditionFailed from None
        except DjangoValidationError as error:
            raise _refusal(error) from None
        return self._answer(section)


class AboutMeProposalsView(PersonResource):
    write_rule = "people.propose_change"
    audit_page = "Suggest a change to About me, through the API"

    @extend_schema(
        request=s.AboutMeProposalWriteSerializer,
        responses={201: s.ProposalSerializer, **WRITE_ERRORS},
        description="A support worker or manager at the person's service suggests new words "
        "for a section they may see. Nothing changes until the person says yes, on their own "
        "page: the API cannot answer for them.",
    )
    def post(self, request: AuthenticatedRequest, person_id: int, part: str) -> Response:
        if part not in ABOUT_ME_PARTS:
            raise NotFound("That is not a part of About me.")
        person = self.ask(self.write_rule)
        if part not in visible_parts(request.user, person):
            raise NotFound
        body = s.AboutMeProposalWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            proposal = about_me.propose_about_me_change(
                person=person,
                part=part,
                text=body.validated_data["text"],
                note=body.validated_data["note"],
                proposed_by=request.user,
            )
        except DjangoValidationError as error:
            raise _refusal(error) from None
        return Response(s.ProposalSerializer(proposal).data, status=201)


class ProposalsView(PersonResource):
    read_rule = "people.see_proposals"
    write_rule = "people.propose_change"
    audit_page = "Suggested changes, through the API"

    @extend_schema(responses={200: s.ProposalSerializer(many=True), 404: ErrorSerializer})
    def get(self, request: AuthenticatedRequest, person_id: int) -> Response:
        """Suggested changes waiting for the person's answer, for those who help them answer."""
        person = self.ask(self.read_rule)
        return self.page(proposals_for(person=person, viewer=request.user), s.ProposalSerializer)


class PlanProposalsView(PersonResource):
    write_rule = "people.propose_change"
    audit_page = "Suggest a change to the plan, through the API"

    @extend_schema(
        request=s.PlanProposalWriteSerializer,
        responses={201: s.ProposalSerializer, **WRITE_ERRORS},
        description="Staff at the person's service suggest a new version of the support "
        "plan. It waits for the person's answer: only the person agrees their plan.",
    )
    def post(self, request: AuthenticatedRequest, person_id: int) -> Response:
        person = self.ask(self.write_rule)
        if Part.PLAN not in visible_parts(request.user, person):
            raise NotFound
        body = s.PlanProposalWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        texts = dict(body.validated_data)
        note = texts.pop("note")
        current = about_me.current_plan(person=person)
        for field in s.PLAN_FIELDS:
            texts.setdefault(field, getattr(current, field, "") if current else "")
        if current is not None:
            texts.setdefault("review_date", current.review_date)
        try:
            proposal = about_me.propose_plan_change(
                person=person,
                proposed_by=request.user,
                note=note,
                **texts,
            )
        except DjangoValidationError as error:
            raise _refusal(error) from None
        return Response(s.ProposalSerializer(proposal).data, status=201)


# --- Meeting actions ------------------------------------------------------------------------


class MeetingActionsView(PersonResource):
    read_rule = "everyday.see_meetings"
    write_rule = "everyday.write_meeting"
    audit_page = "Meeting actions, through the API"

    @extend_schema(
        parameters=DATE_FILTERS,
        responses={200: s.MeetingActionSerializer(many=True)},
        description="Actions agreed at the person's meetings; `from` and `to` are on the day "
        "each is due.",
    )
    def get(self, request: AuthenticatedRequest, person_id: int) -> Response:
        person = self.ask(self.read_rule)
        actions = MeetingAction.objects.filter(person=person).order_by("by_when", "id")
        return self.page(between(actions, request, "by_when"), s.MeetingActionSerializer)

    @extend_schema(
        request=s.MeetingActionWriteSerializer,
        responses={201: s.MeetingActionSerializer, **WRITE_ERRORS},
        description="An action agreed at one of the person's meetings: what, who and by when.",
    )
    def post(self, request: AuthenticatedRequest, person_id: int) -> Response:
        person = self.ask(self.write_rule)
        body = s.MeetingActionWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        meeting = Meeting.objects.filter(person=person, pk=data["meeting"]).first()
        if meeting is None:
            raise ValidationError({"meeting": ["That is not one of the person's meetings."]})
        try:
            action = add_meeting_action(
                meeting=meeting,
                added_by=request.user,
                what=data["what"],
                who=data["who"],
                by_when=data["by_when"],
            )
        except DjangoValidationError as error:
            raise _refusal(error) from None
        return Response(s.MeetingActionSerializer(action).data, status=201)


class MeetingActionView(PersonResource):
    read_rule = "everyday.see_meetings"
    write_rule = "everyday.write_meeting"
    audit_page = "Meeting actions, through the API"

    def _action(self, person: Person) -> MeetingAction:
        return self.one_of(MeetingAction.objects.filter(person=person), "action_id")

    def _answer(self, action: MeetingAction) -> Response:
        return _versioned(s.MeetingActionSerializer, action)

    @extend_schema(responses={200: s.MeetingActionSerializer, 404: ErrorSerializer})
    def get(self, request: AuthenticatedRequest, person_id: int, action_id: int) -> Response:
        """One action, with its ETag for a later change."""
        return self._answer(self._action(self.ask(self.read_rule)))

    @extend_schema(
        request=s.MeetingActionStatusSerializer,
        parameters=[IF_MATCH],
        responses={200: s.MeetingActionSerializer, **VERSIONED_ERRORS},
        description="Say whether the action is done. Send If-Match with the ETag you read: "
        "without it 428, stale 412, and nothing changes.",
    )
    def patch(self, request: AuthenticatedRequest, person_id: int, action_id: int) -> Response:
        action = self._action(self.ask(self.write_rule))
        expected = expected_version(request, action.version)
        body = s.MeetingActionStatusSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            action = set_action_status(
                action=action,
                changed_by=request.user,
                status=body.validated_data["status"],
                expected_version=expected,
            )
        except EditConflict:
            raise PreconditionFailed from None
        except DjangoValidationError as error:
            raise _refusal(error) from None
        return self._answer(action)


# --- Suggestions ------------------------------------------------------------------------


class ServiceSuggestionsView(generics.GenericAPIView):
    """Make a suggestion to a service you live at, support someone at or work at."""

    metadata_class: Any = DescribedWithoutLookup  # DRF takes the class; its stubs say an instance
    request: AuthenticatedRequest

    permission_classes = [FollowsPolicy]
    policy_rule = "api.use"
    serializer_class = SuggestionSerializer

    @extend_schema(
        request=s.SuggestionWriteSerializer,
        responses={201: SuggestionSerializer, **WRITE_ERRORS},
        description="An idea for the service. With `anonymous` true, who made it is stored "
        "nowhere; no answer (this one included) ever says who made any idea.",
    )
    def post(self, request: AuthenticatedRequest, service_id: int) -> Response:
        service = Service.objects.filter(pk=service_id).first()
        # The same as the page: one of the services the user may suggest to (where they
        # live, support someone or work), which are those whose "You said, we did" they see.
        if service is None or not (
            request.user.has_perm("everyday.suggest")
            and request.user.has_perm("everyday.see_you_said_we_did", service)
        ):
            raise NotFound
        body = s.SuggestionWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            suggestion = make_suggestion(
                service=service,
                suggested_by=request.user,
                text=body.validated_data["text"],
                anonymous=body.validated_data["anonymous"],
            )
        except DjangoValidationError as error:
            raise _refusal(error) from None
        return Response(SuggestionSerializer(suggestion).data, status=201)


class SuggestionResponseView(generics.GenericAPIView):
    """The service manager's answer to an idea, as on the suggestion page."""

    metadata_class: Any = DescribedWithoutLookup  # DRF takes the class; its stubs say an instance
    request: AuthenticatedRequest

    permission_classes = [FollowsPolicy]
    policy_rule = "everyday.see_suggestions"
    serializer_class = SuggestionSerializer

    def _suggestion(self) -> Suggestion:
        suggestion = Suggestion.objects.filter(pk=self.kwargs["suggestion_id"]).first()
        if suggestion is None or not self.request.user.has_perm(
            "everyday.respond_to_suggestion", suggestion
        ):
            raise NotFound
        return suggestion

    def _answer(self, suggestion: Suggestion) -> Response:
        return _versioned(SuggestionSerializer, suggestion)

    @extend_schema(
        responses={200: SuggestionSerializer, 403: ErrorSerializer, 404: ErrorSerializer}
    )
    def get(self, request: AuthenticatedRequest, suggestion_id: int) -> Response:
        """The idea and its answer so far, with the ETag for answering."""
        return self._answer(self._suggestion())

    @extend_schema(
        request=s.SuggestionResponseWriteSerializer,
        parameters=[IF_MATCH],
        responses={200: SuggestionSerializer, **VERSIONED_ERRORS},
        description='Move the idea on and say what you will do ("not doing it" needs a '
        "reason). If-Match with the ETag you read: without it 428, stale 412.",
    )
    def put(self, request: AuthenticatedRequest, suggestion_id: int) -> Response:
        suggestion = self._suggestion()
        expected = expected_version(request, suggestion.version)
        body = s.SuggestionResponseWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        status = body.validated_data["status"]
        if status not in SuggestionStatus.values:
            raise ValidationError({"status": ["Choose one of the statuses a suggestion has."]})
        try:
            suggestion = respond_to_suggestion(
                suggestion=suggestion,
                responded_by=request.user,
                expected_version=expected,
                status=status,
                response=body.validated_data["response"],
            )
        except EditConflict:
            raise PreconditionFailed from None
        except DjangoValidationError as error:
            raise _refusal(error) from None
        return self._answer(suggestion)


# --- Team choices and requests for a change ------------------------------------------------


class TeamChoicesView(PersonResource):
    read_rule = "team.see_choices"
    audit_page = "Their team choices, through the API"

    @extend_schema(responses={200: s.TeamChoiceSerializer(many=True), 404: ErrorSerializer})
    def get(self, request: AuthenticatedRequest, person_id: int) -> Response:
        """Who the person would rather, or rather not, work with. The reason for "rather not"
        is null unless you are the person or their service manager."""
        person = self.ask(self.read_rule)
        choices = (
            TeamChoice.objects.filter(person=person).select_related("worker__user").order_by("id")
        )
        sees = request.user.has_perm("team.see_choice_reasons", person)
        return self.page(choices, s.TeamChoiceSerializer, sees_reasons=sees)


class TeamChoiceView(PersonResource):
    read_rule = "team.see_choices"
    write_rule = "team.choose"
    audit_page = "Their team choices, through the API"

    def _worker(self, person: Person) -> StaffMember:
        worker = workers_at_service(person=person).filter(pk=self.kwargs["worker_id"]).first()
        if worker is None:
            raise NotFound("That worker does not work at the person's service.")
        return worker

    @extend_schema(responses={200: s.TeamChoiceSerializer, 404: ErrorSerializer})
    def get(self, request: AuthenticatedRequest, person_id: int, worker_id: int) -> Response:
        """The person's choice about one worker, with its ETag for a later change (404 when
        they have made none: add one with If-None-Match: *)."""
        person = self.ask(self.read_rule)
        choice = TeamChoice.objects.filter(person=person, worker=self._worker(person)).first()
        if choice is None:
            raise NotFound("The person has made no choice about this worker.")
        sees = request.user.has_perm("team.see_choice_reasons", person)
        data = s.TeamChoiceSerializer(choice, context={"sees_reasons": sees}).data
        return Response(data, headers={"ETag": etag_for(choice.version)})

    @extend_schema(
        request=s.TeamChoiceWriteSerializer,
        parameters=[IF_MATCH, IF_NONE_MATCH],
        responses={200: s.TeamChoiceSerializer, 204: None, **VERSIONED_ERRORS},
        description="Only the person chooses: rather, rather not (with a reason if they "
        "like), or an empty choice to take the mark away (204). Send If-Match with the ETag "
        "you read, or If-None-Match: * when there is no choice yet: without it 428, stale "
        "412, and nothing changes.",
    )
    def put(self, request: AuthenticatedRequest, person_id: int, worker_id: int) -> Response:
        person = self.ask(self.write_rule)
        worker = self._worker(person)
        current = TeamChoice.objects.filter(person=person, worker=worker).first()
        expected = expected_version(request, current.version if current else None)
        body = s.TeamChoiceWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            choice = set_team_choice(
                person=person,
                worker=worker,
                choice=body.validated_data["choice"],
                reason=body.validated_data["reason"],
                changed_by=request.user,
                expected_version=expected,
            )
        except EditConflict:
            raise PreconditionFailed from None
        except DjangoValidationError as error:
            raise _refusal(error) from None
        if choice is None:
            return Response(status=204)
        data = s.TeamChoiceSerializer(choice, context={"sees_reasons": True}).data
        return Response(data, headers={"ETag": etag_for(choice.version)})


class ChangeRequestsView(PersonResource):
    read_rule = "team.see_change_requests"
    write_rule = "team.ask_for_change"
    audit_page = "Requests for a change, through the API"

    @extend_schema(
        parameters=DATE_FILTERS,
        responses={200: s.ChangeRequestSerializer(many=True)},
        description="The person's requests for a change, newest first; `from` and `to` are "
        "on the day each was asked.",
    )
    def get(self, request: AuthenticatedRequest, person_id: int) -> Response:
        person = self.ask(self.read_rule)
        asked = ChangeRequest.objects.filter(person=person).order_by("-asked_at", "-id")
        return self.page(between(asked, request, "asked_at__date"), s.ChangeRequestSerializer)

    @extend_schema(
        request=s.ChangeRequestWriteSerializer,
        responses={201: s.ChangeRequestSerializer, **WRITE_ERRORS},
        description="The person (or a supporter they allow) asks for a change to their team. "
        "The service has the organisation's number of days to answer.",
    )
    def post(self, request: AuthenticatedRequest, person_id: int) -> Response:
        person = self.ask(self.write_rule)
        body = s.ChangeRequestWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        worker: StaffMember | None = None
        if data["worker"] is not None:
            worker = workers_at_service(person=person).filter(pk=data["worker"]).first()
            if worker is None:
                raise ValidationError({"worker": ["Choose a worker at the person's service."]})
        try:
            asked = ask_for_change(
                person=person,
                worker=worker,
                kind=data["kind"],
                what_i_want=data["what_i_want"],
                my_words=data["my_words"],
                asked_by=request.user,
            )
        except DjangoValidationError as error:
            raise _refusal(error) from None
        return Response(s.ChangeRequestSerializer(asked).data, status=201)


# --- Budget ---------------------------------------------------------------------------------


class BudgetView(PersonResource):
    read_rule = "reviews.see_budget"
    audit_page = "Their personal budget, through the API"

    def budget(self) -> PersonalBudget:
        person = self.ask(self.read_rule)
        budget = PersonalBudget.objects.filter(person=person).first()
        if budget is None:
            raise NotFound("The person has no personal budget yet.")
        return budget

    @extend_schema(responses={200: s.BudgetSerializer, 404: ErrorSerializer})
    def get(self, request: AuthenticatedRequest, person_id: int) -> Response:
        """The budget and what the person uses it for, with its ETag."""
        budget = self.budget()
        data = {
            "amount": budget.amount,
            "period": budget.period,
            "starts_on": budget.starts_on,
            "version": budget.version,
            "uses": [
                {"id": u.pk, "words": u.words, "amount": u.amount}
                for u in budget.uses.filter(is_active=True).order_by("position", "id")
            ],
        }
        return Response(s.BudgetSerializer(data).data, headers={"ETag": etag_for(budget.version)})


class BudgetChangesView(BudgetView):
    read_rule = "reviews.see_budget"
    write_rule = "reviews.propose_budget_change"

    @extend_schema(
        parameters=DATE_FILTERS,
        responses={200: s.BudgetChangeSerializer(many=True)},
        description="Changes asked for, newest first; `from` and `to` are on the day asked.",
    )
    def get(self, request: AuthenticatedRequest, person_id: int) -> Response:
        changes = (
            BudgetChange.objects.filter(budget=self.budget())
            .prefetch_related("lines")
            .order_by("-proposed_at", "-id")
        )
        return self.page(between(changes, request, "proposed_at__date"), s.BudgetChangeSerializer)

    @extend_schema(
        request=s.BudgetChangeWriteSerializer,
        parameters=[IF_MATCH],
        responses={201: s.BudgetChangeSerializer, **VERSIONED_ERRORS},
        description="The person (or a supporter helping with the budget) asks to share it out "
        "differently. If-Match is the budget's ETag. The council worker agrees it on their "
        'pages (one "Agree"; a rise needs the council\'s approval).',
    )
    def post(self, request: AuthenticatedRequest, person_id: int) -> Response:
        budget = self.budget()
        self.ask(self.write_rule)
        expected = expected_version(request, budget.version)
        body = s.BudgetChangeWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        lines = [
            UseLine(use_id=line["use"], words=line["words"], amount=Decimal(line["amount"]))
            for line in body.validated_data["lines"]
        ]
        try:
            change = propose_budget_change(
                budget=budget,
                proposed_by=request.user,
                expected_version=expected,
                lines=lines,
                why=body.validated_data["why"],
            )
        except BudgetConflict:
            raise PreconditionFailed from None
        except (DjangoValidationError, DjangoPermissionDenied) as error:
            if isinstance(error, DjangoPermissionDenied):
                raise PermissionDenied(str(error)) from None
            raise _refusal(error) from None
        return Response(s.BudgetChangeSerializer(change).data, status=201)


# --- Spending -----------------------------------------------------------------------------


class SpendingView(BudgetView):
    read_rule = "reviews.see_budget"
    write_rule = "reviews.record_spending"
    audit_page = "Spending from their personal budget, through the API"

    @extend_schema(
        parameters=DATE_FILTERS,
        responses={200: s.SpendingSerializer(many=True), 400: ErrorSerializer},
        description="Money spent from the budget, newest first; `from` and `to` are on the "
        "day it was spent.",
    )
    def get(self, request: AuthenticatedRequest, person_id: int) -> Response:
        spent = Spending.objects.filter(use__budget=self.budget()).order_by("-spent_on", "-id")
        return self.page(between(spent, request, "spent_on"), s.SpendingSerializer)

    @extend_schema(
        request=s.SpendingWriteSerializer,
        responses={201: s.SpendingSerializer, **WRITE_ERRORS},
        description="Write down money spent on one of the budget's uses (the person, a "
        "supporter helping with the budget, or their council worker). It adds a record; "
        "nothing already written changes, so no If-Match is needed.",
    )
    def post(self, request: AuthenticatedRequest, person_id: int) -> Response:
        budget = self.budget()
        self.ask(self.write_rule)
        body = s.SpendingWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        use = budget.uses.filter(pk=data["use"], is_active=True).first()
        if use is None:
            raise ValidationError({"use": ["Choose one of the budget's uses."]})
        try:
            spending = record_spending(
                use=use,
                amount=data["amount"],
                spent_on=data["spent_on"],
                words=data["words"],
                recorded_by=request.user,
            )
        except DjangoValidationError as error:
            raise _refusal(error) from None
        return Response(s.SpendingSerializer(spending).data, status=201)


# --- Reviews and goals ------------------------------------------------------------------------


class ReviewsView(PersonResource):
    read_rule = "reviews.see_reviews"
    write_rule = "reviews.ask_for_review"
    audit_page = "Their reviews, through the API"

    @extend_schema(
        parameters=DATE_FILTERS,
        responses={200: s.ReviewSerializer(many=True)},
        description="The person's council reviews, newest first; `from` and `to` are on the "
        "day each is due.",
    )
    def get(self, request: AuthenticatedRequest, person_id: int) -> Response:
        person = self.ask(self.read_rule)
        reviews = Review.objects.filter(person=person).order_by("-due_on", "-id")
        return self.page(between(reviews, request, "due_on"), s.ReviewSerializer)

    @extend_schema(
        request=s.AskForReviewSerializer,
        responses={201: s.ReviewDetailSerializer, **WRITE_ERRORS},
        description="The person (or a supporter helping with reviews) asks for a review "
        "sooner: the review waiting is then due within four weeks (or one is opened). What "
        "was said in a review under way is kept.",
    )
    def post(self, request: AuthenticatedRequest, person_id: int) -> Response:
        person = self.ask(self.write_rule)
        body = s.AskForReviewSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            review = ask_for_review(
                person=person, asked_by=request.user, words=body.validated_data["words"]
            )
        except DjangoValidationError as error:
            raise _refusal(error) from None
        return _versioned(s.ReviewDetailSerializer, review, status=201)


class OneReview(PersonResource):
    """One of the person's reviews: the person's council worker carries it out."""

    read_rule = "reviews.see_reviews"
    write_rule = "reviews.conduct_review"
    audit_page = "A review, through the API"

    def _review(self, person: Person) -> Review:
        return self.one_of(
            Review.objects.filter(person=person).prefetch_related("goals_set"), "review_id"
        )


class ReviewView(OneReview):
    @extend_schema(responses={200: s.ReviewDetailSerializer, 404: ErrorSerializer})
    def get(self, request: AuthenticatedRequest, person_id: int, review_id: int) -> Response:
        """One review, the goals set in it and how each is going, with its ETag."""
        return _versioned(s.ReviewDetailSerializer, self._review(self.ask(self.read_rule)))

    @extend_schema(
        request=s.ReviewWriteSerializer,
        parameters=[IF_MATCH],
        responses={200: s.ReviewDetailSerializer, **VERSIONED_ERRORS},
        description="The person's council worker writes what the person said in a review "
        "that is not finished: what matters to them, and whether they are doing it. Send "
        "If-Match with the ETag you read: without it 428, stale 412, and nothing changes. "
        "A change to About me or the plan agreed in a review waits for the person's answer.",
    )
    def patch(self, request: AuthenticatedRequest, person_id: int, review_id: int) -> Response:
        review = self._review(self.ask(self.write_rule))
        expected = expected_version(request, review.version)
        body = s.ReviewWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            with transaction.atomic():
                if review.is_open:
                    # The first answer starts the review and names its council worker.
                    start_review(review=review, council_worker=council_worker_of(user=request.user))
                review = save_review_answers(
                    review=review,
                    changed_by=request.user,
                    expected_version=expected,
                    **body.validated_data,
                )
        except EditConflict:
            raise PreconditionFailed from None
        except DjangoValidationError as error:
            raise _refusal(error) from None
        return _versioned(s.ReviewDetailSerializer, self._review(review.person))


class ReviewFinishView(OneReview):
    @extend_schema(
        request=None,
        parameters=[IF_MATCH],
        responses={200: s.ReviewDetailSerializer, **VERSIONED_ERRORS},
        description="The council worker finishes the review: the next one is due a year "
        "later. What the person said matters to them is offered to them as a suggested "
        "change to About me; nothing in About me changes until they agree, on their own "
        "page. Send If-Match with the review's ETag: without it 428, stale 412.",
    )
    def post(self, request: AuthenticatedRequest, person_id: int, review_id: int) -> Response:
        review = self._review(self.ask(self.write_rule))
        expected = expected_version(request, review.version)
        if not review.is_open:
            raise ValidationError({"non_field_errors": ["This review is finished already."]})
        try:
            with transaction.atomic():
                start_review(review=review, council_worker=council_worker_of(user=request.user))
                review = complete_review(
                    review=review, completed_by=request.user, expected_version=expected
                )
        except EditConflict:
            raise PreconditionFailed from None
        except DjangoValidationError as error:
            raise _refusal(error) from None
        return _versioned(s.ReviewDetailSerializer, self._review(review.person))


class GoalsView(PersonResource):
    read_rule = "reviews.see_reviews"
    write_rule = "reviews.change_goals"
    audit_page = "Their goals, through the API"

    @extend_schema(responses={200: s.GoalSerializer(many=True), 404: ErrorSerializer})
    def get(self, request: AuthenticatedRequest, person_id: int) -> Response:
        """The person's goals in their own words, and how each is going."""
        person = self.ask(self.read_rule)
        return self.page(Goal.objects.filter(person=person).order_by("id"), s.GoalSerializer)

    @extend_schema(
        request=s.GoalWriteSerializer,
        responses={201: s.GoalSerializer, **WRITE_ERRORS},
        description="A new goal in the person's own words (the person, a supporter helping "
        "with reviews, or their council worker).",
    )
    def post(self, request: AuthenticatedRequest, person_id: int) -> Response:
        person = self.ask(self.write_rule)
        body = s.GoalWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            goal = add_goal(
                person=person, words=body.validated_data["words"], added_by=request.user
            )
        except DjangoValidationError as error:
            raise _refusal(error) from None
        return _versioned(s.GoalSerializer, goal, status=201)


class GoalView(PersonResource):
    read_rule = "reviews.see_reviews"
    write_rule = "reviews.change_goals"
    audit_page = "A goal, through the API"

    def _goal(self, person: Person) -> Goal:
        return self.one_of(Goal.objects.filter(person=person), "goal_id")

    @extend_schema(responses={200: s.GoalSerializer, 404: ErrorSerializer})
    def get(self, request: AuthenticatedRequest, person_id: int, goal_id: int) -> Response:
        """One goal and how it is going, with its ETag for a later change."""
        return _versioned(s.GoalSerializer, self._goal(self.ask(self.read_rule)))

    @extend_schema(
        request=s.GoalChangeSerializer,
        parameters=[IF_MATCH],
        responses={200: s.GoalSerializer, **VERSIONED_ERRORS},
        description="Change the goal's words or say how it is going. Send If-Match with the "
        "ETag you read: without it 428, stale 412, and nothing changes.",
    )
    def patch(self, request: AuthenticatedRequest, person_id: int, goal_id: int) -> Response:
        goal = self._goal(self.ask(self.write_rule))
        expected = expected_version(request, goal.version)
        body = s.GoalChangeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        try:
            goal = change_goal(
                goal=goal,
                changed_by=request.user,
                expected_version=expected,
                words=data.get("words", goal.words),
                progress=data.get("progress", goal.progress),
            )
        except EditConflict:
            raise PreconditionFailed from None
        except DjangoValidationError as error:
            raise _refusal(error) from None
        return _versioned(s.GoalSerializer, goal)


# --- Meetings ---------------------------------------------------------------------------------


class MeetingsView(PersonResource):
    read_rule = "everyday.see_meetings"
    write_rule = "everyday.write_meeting"
    audit_page = "Their meetings, through the API"

    @extend_schema(
        parameters=DATE_FILTERS,
        responses={200: s.MeetingSerializer(many=True), 400: ErrorSerializer},
        description="The person's meetings, newest first; `from` and `to` are on the day of each.",
    )
    def get(self, request: AuthenticatedRequest, person_id: int) -> Response:
        person = self.ask(self.read_rule)
        meetings = Meeting.objects.filter(person=person).order_by("-on", "-id")
        return self.page(between(meetings, request, "on"), s.MeetingSerializer)

    @extend_schema(
        request=s.MeetingWriteSerializer,
        responses={201: s.MeetingSerializer, **WRITE_ERRORS},
        description="Plan the person's next meeting: when, how often and with whom. The "
        "person has one meeting planned at a time; once its notes are written, the next one "
        "is planned at the interval they chose.",
    )
    def post(self, request: AuthenticatedRequest, person_id: int) -> Response:
        person = self.ask(self.write_rule)
        body = s.MeetingWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        planned = planned_meeting(person=person)
        if planned is not None:
            raise ValidationError(
                {
                    "non_field_errors": [
                        f"A meeting is planned already, on {planned.on:%-d %B %Y}. Write its "
                        "notes first."
                    ]
                }
            )
        try:
            meeting = plan_meeting(person=person, planned_by=request.user, **body.validated_data)
        except DjangoValidationError as error:
            raise _refusal(error) from None
        return _versioned(s.MeetingSerializer, meeting, status=201)


class MeetingView(PersonResource):
    read_rule = "everyday.see_meetings"
    write_rule = "everyday.write_meeting"
    audit_page = "A meeting record, through the API"

    def _meeting(self, person: Person) -> Meeting:
        return self.one_of(Meeting.objects.filter(person=person), "meeting_id")

    @extend_schema(responses={200: s.MeetingSerializer, 404: ErrorSerializer})
    def get(self, request: AuthenticatedRequest, person_id: int, meeting_id: int) -> Response:
        """One meeting and its notes, with its ETag for writing them."""
        return _versioned(s.MeetingSerializer, self._meeting(self.ask(self.read_rule)))

    @extend_schema(
        request=s.MeetingNotesSerializer,
        parameters=[IF_MATCH],
        responses={200: s.MeetingSerializer, **VERSIONED_ERRORS},
        description="Write the notes of the meeting, with the person, in their words. The "
        "first time, the meeting is held and the next one is planned. Send If-Match with the "
        "ETag you read: without it 428, stale 412, and nothing changes.",
    )
    def patch(self, request: AuthenticatedRequest, person_id: int, meeting_id: int) -> Response:
        meeting = self._meeting(self.ask(self.write_rule))
        expected = expected_version(request, meeting.version)
        body = s.MeetingNotesSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            meeting = record_meeting(
                meeting=meeting,
                recorded_by=request.user,
                expected_version=expected,
                notes=body.validated_data["notes"],
            )
        except EditConflict:
            raise PreconditionFailed from None
        except DjangoValidationError as error:
            raise _refusal(error) from None
        return _versioned(s.MeetingSerializer, meeting)


# --- The rota (read) ------------------------------------------------------------------------


class PersonShiftsView(PersonResource):
    read_rule = "rota.see_person_week"
    audit_page = "Who is supporting them, through the API"

    @extend_schema(
        parameters=DATE_FILTERS,
        responses={200: s.ShiftSerializer(many=True)},
        description="The person's shifts at their service, in published rotas (their "
        "manager sees drafts too); `from` and `to` are on the day each starts.",
    )
    def get(self, request: AuthenticatedRequest, person_id: int) -> Response:
        person = self.ask(self.read_rule)
        shifts = RotaShift.objects.filter(people=person, week__service_id=person.service_id)
        if not request.user.has_perm("rota.plan_person", person):
            shifts = shifts.filter(week__status=RotaWeek.Status.PUBLISHED)
        shifts = shifts.select_related("week").prefetch_related("workers").order_by("starts", "id")
        return self.page(between(shifts, request, "starts__date"), s.ShiftSerializer)


class RotaWeeksView(generics.ListAPIView):
    """Rota weeks of the services you plan (a service manager's); empty for anyone else."""

    permission_classes = [FollowsPolicy]
    policy_rule = "api.use"
    serializer_class = s.RotaWeekSerializer

    @extend_schema(parameters=[SERVICE_FILTER, *DATE_FILTERS])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[RotaWeek]:
        services = visible_rota_services(Service.objects.all(), self.request.user)
        weeks = RotaWeek.objects.filter(service__in=services).order_by("-monday", "service_id")
        service = service_param(self.request)
        if service is not None:
            weeks = weeks.filter(service_id=service)
        return between(weeks, self.request, "monday")


class RotaWeekShiftsView(generics.ListAPIView):
    """The shifts of one rota week, for the manager who plans its service."""

    permission_classes = [FollowsPolicy]
    policy_rule = "api.use"
    serializer_class = s.ShiftSerializer

    def get_queryset(self) -> QuerySet[RotaShift]:
        week = RotaWeek.objects.filter(pk=self.kwargs["week_id"]).select_related("service").first()
        if week is None or not self.request.user.has_perm("rota.plan_service", week.service):
            raise NotFound
        return (
            RotaShift.objects.filter(week=week)
            .select_related("week")
            .prefetch_related("workers")
            .order_by("starts", "id")
        )
