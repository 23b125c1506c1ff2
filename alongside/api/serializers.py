from __future__ import annotations

from rest_framework import serializers

from alongside.everyday.models import CheckIn, Suggestion
from alongside.organisations.models import Service
from alongside.people.models import Person


class ServiceSerializer(serializers.ModelSerializer[Service]):
    region = serializers.StringRelatedField()  # type: ignore[var-annotated]

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
    service = serializers.PrimaryKeyRelatedField(read_only=True)  # type: ignore[var-annotated]

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
