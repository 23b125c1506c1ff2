from __future__ import annotations

from rest_framework import serializers

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
