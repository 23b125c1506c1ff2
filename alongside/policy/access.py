"""How views ask the policy. Every view in Alongside uses PolicyView or `policy_rule`.

A record the user may not see answers exactly as a missing one: 404.
A page for another role answers 403. Signed-out visitors are sent to sign in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponseBase
from django.views import View

from alongside.accounts.models import User
from alongside.audit.reads import note_read
from alongside.organisations.models import Organisation
from alongside.people.models import Person
from alongside.policy import PersonPart, standing_of

PUBLIC = "web.public"


class AuthenticatedHttpRequest(HttpRequest):
    """A request a policy view answers: the user is signed in (PolicyView has sent anyone
    else to sign in), so `request.user` is the project's User. Public pages (PUBLIC) may
    still be asked by a signed-out visitor: they take a plain HttpRequest."""

    user: User


F = TypeVar("F", bound=Callable[..., Any])


class PolicyView(View):
    """A view guarded by one named rule of the policy, optionally on one object."""

    policy_rule: str = ""
    request: AuthenticatedHttpRequest
    # When the rule is about an object and fails, answer 404, never 403.
    policy_object_hides: bool = True

    def get_policy_object(self) -> Any:
        return None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not self.policy_rule:
            raise PermissionDenied  # a view without a rule is closed, never open
        if self.policy_rule != PUBLIC and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.policy_object = self.get_policy_object()
        if not request.user.has_perm(self.policy_rule, self.policy_object):
            if self.policy_object is not None and self.policy_object_hides:
                raise Http404
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class OwnOrganisationView(PolicyView):
    """A page about the signed-in staff member's own organisation (its settings).

    The rule is about the user, not an object; `self.organisation` is theirs. Users with no
    staff organisation are refused here as the rule would refuse them.
    """

    organisation: Organisation

    def get_policy_object(self) -> None:
        found = Organisation.objects.filter(
            pk=standing_of(self.request.user).staff_organisation_id or 0
        ).first()
        if found is None:
            raise PermissionDenied
        self.organisation = found


def fetch_person(user: Any, pk: Any) -> Person:
    """Fetch a person only from those the user may see; otherwise 404.

    The request is noted as reading the person, so "who looked" lists it whatever the view.
    """
    person = (
        Person.objects.visible_to(user)
        .select_related("service", "council", "user")
        .filter(pk=pk)
        .first()
    )
    if person is None:
        raise Http404
    note_read(person)
    return person


class AboutOnePersonView(PolicyView):
    """A page about one person, asked of them (PersonPageView) or of one part of their
    record (PersonPartPageView). Fetches through the user's scope (which logs the view)."""

    policy_rule = "people.see_record"
    # Plain words for "who looked", shown to the person: "Sam looked at <audit_page>".
    audit_page: str = ""


class PersonPageView(AboutOnePersonView):
    """A page about one person: the rule is asked of the person."""

    def get_policy_object(self) -> Person:
        return fetch_person(self.request.user, self.kwargs["person_id"])

    @property
    def person(self) -> Person:
        return self.policy_object


class PersonPartPageView(AboutOnePersonView):
    """A page that shows or changes one part of a person's record: the rule is asked of
    PersonPart(person, part), so it follows the person's sharing of that part. The part is
    the URL's `part`, else `policy_part`."""

    policy_part: str = ""

    def get_policy_object(self) -> PersonPart:
        part = self.kwargs.get("part") or self.policy_part
        return PersonPart(fetch_person(self.request.user, self.kwargs["person_id"]), part)

    @property
    def person(self) -> Person:
        return self.policy_object.person
