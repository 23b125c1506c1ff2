"""Set-up pages for organisation admins, scoped to their own organisation.

Who may do what is in alongside/policy/ (`organisations.*` rules, `setup_rows`,
`setup_users`); these classes apply it to the lists, every form choice and every save.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from alongside.accounts.services import reset_two_factor
from alongside.policy import setup_organisation_id, setup_rows, setup_users

from .models import CouncilWorker, Organisation, Region, Service, Skill, StaffMember

# For each model the admin can pick in a form: how its rows reach an organisation.
CHOICE_PATHS: dict[type[models.Model], str] = {
    Organisation: "pk",
    Region: "organisation_id",
    Service: "organisation_id",
    StaffMember: "organisation_id",
    CouncilWorker: "council_id",
}
# Accounts: through the staff or council-worker record that links them to an organisation.
USER_PATHS = {
    "staffmember": "staff_member__organisation_id",
    "councilworker": "council_worker__council_id",
}


class OwnOrganisationAdmin(SimpleHistoryAdmin):
    organisation_path = "organisation"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return setup_rows(
            super().get_queryset(request), request.user, path=f"{self.organisation_path}_id"
        )

    def _scope_choices(self, db_field: Any, request: HttpRequest, kwargs: dict[str, Any]) -> None:
        """Offer only the admin's own organisation's rows, so a hand-made POST naming another
        organisation's row fails the form ("Select a valid choice") and nothing is saved."""
        model = db_field.related_model
        if model is get_user_model():
            path = USER_PATHS[self.model._meta.model_name or ""]
            kwargs["queryset"] = setup_users(model._default_manager.all(), request.user, path=path)
        elif model in CHOICE_PATHS:
            queryset = model._default_manager.all()
            if db_field.remote_field.limit_choices_to:
                queryset = queryset.complex_filter(db_field.remote_field.limit_choices_to)
            kwargs["queryset"] = setup_rows(queryset, request.user, path=CHOICE_PATHS[model])

    def formfield_for_foreignkey(
        self, db_field: Any, request: HttpRequest, **kwargs: Any
    ) -> forms.ModelChoiceField | None:
        self._scope_choices(db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(
        self, db_field: Any, request: HttpRequest, **kwargs: Any
    ) -> forms.ModelMultipleChoiceField | None:
        self._scope_choices(db_field, request, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        # The choices already allow only the admin's own organisation; this is the last
        # guard, should a form ever offer more.
        organisation_id = setup_organisation_id(request.user)
        if organisation_id is not None and getattr(obj, f"{self.organisation_path}_id") != (
            organisation_id
        ):
            raise PermissionDenied("You can only save records of your own organisation.")
        super().save_model(request, obj, form, change)


@admin.register(Organisation)
class OrganisationAdmin(OwnOrganisationAdmin):
    organisation_path = "pk"
    list_display = ["name", "kind"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return setup_rows(admin.ModelAdmin.get_queryset(self, request), request.user, path="pk")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # A provider that called itself a council could add council workers.
        if request.user.is_superuser:
            return super().get_readonly_fields(request, obj)
        return ["kind"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        organisation_id = setup_organisation_id(request.user)
        if organisation_id is not None and (not change or obj.pk != organisation_id):
            raise PermissionDenied("Only the platform team can add organisations.")
        admin.ModelAdmin.save_model(self, request, obj, form, change)


@admin.register(Region)
class RegionAdmin(OwnOrganisationAdmin):
    list_display = ["name", "organisation"]


class ServiceAdminForm(forms.ModelForm):
    class Meta:
        model = Service
        fields = [
            "organisation",
            "region",
            "name",
            "kind",
            "address_line_1",
            "address_line_2",
            "town",
            "postcode",
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        organisation, region = cleaned.get("organisation"), cleaned.get("region")
        if organisation and region and region.organisation_id != organisation.pk:
            self.add_error("region", "Choose one of this organisation's regions.")
        return cleaned


@admin.register(Service)
class ServiceAdmin(OwnOrganisationAdmin):
    form = ServiceAdminForm
    list_display = ["name", "region", "town", "postcode"]
    # Only regions that the admin's own services use, not every organisation's.
    list_filter = [("region", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "town", "postcode"]


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    """One list for every organisation: admins see it; only the platform team changes it."""

    list_display = ["name"]


@admin.action(description="Reset two-factor sign-in (they lost their phone and recovery codes)")
def reset_two_factor_sign_in(
    modeladmin: admin.ModelAdmin[Any], request: HttpRequest, queryset: QuerySet[Any]
) -> None:
    """An admin's reset, asked of the policy for each account and recorded with who did it.
    Check who the person is (in person or by phone) before doing this."""
    done, refused = [], []
    for row in queryset.select_related("user"):
        if request.user.has_perm("accounts.reset_two_factor", row.user):
            reset_two_factor(user=row.user, reset_by=request.user)  # type: ignore[arg-type]
            done.append(row.user.display_name or row.user.email)
        else:
            refused.append(row.user.display_name or row.user.email)
    if done:
        modeladmin.message_user(
            request,
            f"Two-factor sign-in is reset for {', '.join(done)}. They are signed out and set up "
            "a new authenticator when they next sign in.",
            messages.SUCCESS,
        )
    if refused:
        modeladmin.message_user(
            request,
            f"Not reset for {', '.join(refused)}: you may reset only other staff of your own "
            "organisation, never your own.",
            messages.ERROR,
        )


@admin.register(StaffMember)
class StaffMemberAdmin(OwnOrganisationAdmin):
    list_display = ["user", "role", "contracted_hours"]
    list_filter = ["role"]
    search_fields = ["user__display_name"]
    raw_id_fields = ["user"]
    actions = [reset_two_factor_sign_in]


@admin.register(CouncilWorker)
class CouncilWorkerAdmin(OwnOrganisationAdmin):
    organisation_path = "council"
    list_display = ["user", "council"]
    raw_id_fields = ["user"]
    actions = [reset_two_factor_sign_in]
