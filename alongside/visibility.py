"""`Model.objects.visible_to(user)`: the records of a scoped model that `user` may see, and
`get_visible_or_404`, the one way to fetch one record and check the user may see it.

The scopes themselves are the policy's (alongside/policy/): `alongside.policy` registers
one for each scoped model with `register_scopes`, and the web app imports the policy when
Django starts (`WebConfig.ready`). This module is on the lowest floor, so every model may use
`VisibleQuerySet` without importing the policy, which stands above the models.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Self, TypeVar, cast

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.http import Http404

M = TypeVar("M", bound=models.Model)

# A scope: (queryset, user) -> the part of the queryset the user may see.
Scope = Callable[[Any, Any], Any]

_SCOPES: dict[str, Scope] = {}


def register_scopes(scopes: Mapping[str, Scope]) -> None:
    """Name each model's scope by its label ("people.Person"). Called by the policy only."""
    _SCOPES.update(scopes)


def scope_for(model: type[models.Model]) -> Scope:
    try:
        return _SCOPES[model._meta.label]
    except KeyError:
        raise ImproperlyConfigured(
            f"{model._meta.label} has no scope: add it to register_scopes in "
            "alongside/policy/__init__.py"
        ) from None


class VisibleQuerySet(models.QuerySet[M]):
    """A queryset of a scoped model. Every list of such records starts from `visible_to`."""

    def visible_to(self, user: Any) -> Self:
        """Only the records this user may see, as the policy says."""
        return cast(Self, scope_for(self.model)(self, user))


def get_visible_or_404(queryset: models.QuerySet[M], user: Any, **lookup: Any) -> M:
    """The one record matching `lookup` among those `user` may see. A record that does not
    exist and one the user may not see answer alike: 404, so nothing is given away.
    A value that is not an id at all (a bad link) is missing too."""
    scoped = scope_for(queryset.model)(queryset, user)
    try:
        found = scoped.filter(**lookup).first()
    except (TypeError, ValueError):
        found = None
    if found is None:
        raise Http404
    return cast(M, found)
