from __future__ import annotations

from typing import Any

from rest_framework import serializers

from alongside.everyday.models import CheckIn, Feeling, Suggestion
from alongside.organisations.models import Region, Service
from alongside.people.models import Person


class ServiceSerializer(serializers.ModelSerializer[Service]):
    region: serializers.StringRelatedField[Region] = serializers.StringRelatedField()

    class Meta:
        model = Service
        fields = [
            "id",
            "name",
            "kind",
            "region",
            "address_line_1",
            "address_line_2",
            "town",
            "postcode",
        ]


class PersonSerializer(serializers.ModelSerializer[Person]):
    service: serializers.PrimaryKeyRelatedField[Service] = serializers.PrimaryKeyRelatedField(
        read_only=True
    )

    class Meta:
        model = Person
        fields = ["id", "preferred_name", "pronouns", "service"]


class CheckInSerializer(serializers.ModelSerializer[CheckIn]):
    feeling_words = serializers.CharField(source="get_feeling_display", read_only=True)
    helps = serializers.SerializerMethodField()

    def get_helps(self, check_in: CheckIn) -> list[str] | None:
        # Picked from the person's "good days and bad days": null unless that is shared too.
        if not self.context.get("sees_what_helps", False):
            return None
        return list(check_in.helps)

    class Meta:
        model = CheckIn
        fields = ["on", "feeling", "feeling_words", "helps", "note", "with_support", "alert_team"]


class SuggestionSerializer(serializers.ModelSerializer[Suggestion]):
    """An idea and what happened to it. Never who made it: an anonymous idea does not know,
    and a named one is the service's business, not the API's."""

    status_words = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Suggestion
        fields = [
            "id",
            "service",
            "text",
            "status",
            "status_words",
            "response",
            "received_at",
            "first_response_at",
            "outcome_at",
        ]


class CheckInWriteSerializer(serializers.Serializer[Any]):
    """A check-in as the person (or someone allowed to check in with them) sends it."""

    feeling = serializers.ChoiceField(
        choices=Feeling.choices,
        error_messages={"invalid_choice": "Choose how the person feels: a number from 1 to 5."},
    )
    helps = serializers.ListField(
        child=serializers.CharField(max_length=200),
        required=False,
        allow_null=True,
        default=None,
        help_text="Picked from the person's own list of what helps. Leave out to keep it.",
    )
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    alert_team = serializers.BooleanField(required=False, default=False)


class ErrorSerializer(serializers.Serializer[Any]):
    """Every refusal but bad input (400): what was wrong, in plain words."""

    detail = serializers.CharField()
