"""Set-up pages for organisation admins, scoped to their own organisation."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from alongside.policy import standing_of

from .models import CouncilWorker, Organisation, Region, Service, Skill, StaffMember


class OwnOrganisationAdmin(SimpleHistoryAdmin):
    organisation_path = "organisation"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.filter(
            **{f"{self.organisation_path}_id": standing_of(request.user).staff_organisation_id}
        )


@admin.register(Organisation)
class OrganisationAdmin(OwnOrganisationAdmin):
    organisation_path = "pk"
    list_display = ["name", "kind"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        qs: QuerySet[Any] = admin.ModelAdmin.get_queryset(self, request)
        if request.user.is_superuser:
            return qs
        return qs.filter(pk=standing_of(request.user).staff_organisation_id)


@admin.register(Region)
class RegionAdmin(OwnOrganisationAdmin):
    list_display = ["name", "organisation"]


@admin.register(Service)
class ServiceAdmin(OwnOrganisationAdmin):
    list_display = ["name", "region", "town", "postcode"]
    list_filter = ["region"]
    search_fields = ["name", "town", "postcode"]


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["name"]


@admin.register(StaffMember)
class StaffMemberAdmin(OwnOrganisationAdmin):
    list_display = ["user", "role", "contracted_hours"]
    list_filter = ["role"]
    search_fields = ["user__display_name"]
    raw_id_fields = ["user"]


@admin.register(CouncilWorker)
class CouncilWorkerAdmin(OwnOrganisationAdmin):
    organisation_path = "council"
    list_display = ["user", "council"]
    raw_id_fields = ["user"]
