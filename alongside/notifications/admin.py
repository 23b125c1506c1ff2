"""Operators (superusers) see every email, its tries and the reason it failed."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from .models import DailyRun, OutgoingEmail


class OperatorsOnly(admin.ModelAdmin):
    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return bool(request.user.is_superuser)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(OperatorsOnly):
    list_display = ["created_at", "to", "kind", "subject", "status", "attempts", "reason"]
    list_filter = ["status", "kind"]
    search_fields = ["to", "subject"]


@admin.register(DailyRun)
class DailyRunAdmin(OperatorsOnly):
    list_display = ["day", "started_at", "report"]
