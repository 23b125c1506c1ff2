"""The checks on one record of each kind: services, staff, people we support, supporters.

These forms are the single source of the rules for records brought in from a file, and for
the one-at-a-time pages that add or change a record. Each form checks one row (or one
record typed into a page) against `Lookups`: what is already in Alongside for the
organisation. Messages name the value and say what is wrong in plain words, so the importer
can put "Row 14, email: " before them and a page can show them beside the field.

Every field is a text field parsed here, not by Django's typed fields, so a message can
quote what was written ("'31/02/1990' is not a date").
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator, validate_email
from django.utils import timezone

from alongside.forms_validation import no_bidi_controls
from alongside.organisations.models import Organisation, Service, Skill, StaffMember
from alongside.people.validators import nhs_number_is_valid

# In a cell holding several values, such as a worker's services: "S1; S2".
LIST_SEPARATOR = ";"
YES = {"yes", "y", "true", "1"}
NO = {"", "no", "n", "false", "0"}
NULL_CHARACTERS = str(ProhibitNullCharactersValidator.message)
HOURS = re.compile(r"^[0-9]{1,3}(\.[0-9]+)?$")
UK_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")


@dataclass(frozen=True)
class Column:
    """One column of a file: its form field, its heading in the template, and the guide."""

    key: str
    header: str
    required: bool
    guide: str
    example: str


def header_key(text: str) -> str:
    """Headings are matched without regard to case, spaces, underscores or hyphens."""
    return re.sub(r"[\s_\-]+", "", text).lower()


@dataclass
class UserSeen:
    """An account already in Alongside, as the checks need to know it."""

    pk: int
    name: str
    is_active: bool
    staff_organisation_id: int | None
    staff_reference: str | None
    is_council_worker: bool


@dataclass
class Lookups:
    """What is already in Alongside for one organisation, loaded once per file (a constant
    number of queries, however many rows). A page checking one record builds it the same
    way (`Lookups.for_organisation`)."""

    organisation: Organisation
    service_ids: dict[str, int] = field(default_factory=dict)
    region_ids: dict[str, int] = field(default_factory=dict)
    skill_ids: dict[str, int] = field(default_factory=dict)
    skill_names: dict[int, str] = field(default_factory=dict)
    council_ids: dict[str, int] = field(default_factory=dict)
    council_names: dict[int, str] = field(default_factory=dict)
    person_ids: dict[str, int] = field(default_factory=dict)
    users: dict[str, UserSeen] = field(default_factory=dict)

    @classmethod
    def for_organisation(cls, organisation: Organisation, *, emails: Iterable[str] = ()) -> Lookups:
        from alongside.accounts.models import User
        from alongside.people.models import Person

        found = cls(organisation=organisation)
        found.service_ids = dict(
            Service.objects.filter(organisation=organisation)
            .exclude(reference="")
            .values_list("reference", "pk")
        )
        found.region_ids = {
            name.lower(): pk for name, pk in organisation.regions.values_list("name", "pk")
        }
        for pk, name in Skill.objects.values_list("pk", "name"):
            found.skill_ids[name.lower()] = pk
            found.skill_names[pk] = name
        for pk, name in Organisation.objects.filter(kind=Organisation.Kind.COUNCIL).values_list(
            "pk", "name"
        ):
            found.council_ids[name.lower()] = pk
            found.council_names[pk] = name
        found.person_ids = dict(
            Person.objects.filter(provider=organisation)
            .exclude(reference="")
            .values_list("reference", "pk")
        )
        wanted = sorted({e.strip().lower() for e in emails if e})
        # In chunks, so a database's limit on query parameters is never reached.
        for start in range(0, len(wanted), 900):
            for row in User.objects.filter(email__in=wanted[start : start + 900]).values(
                "pk",
                "email",
                "display_name",
                "is_active",
                "staff_member__organisation_id",
                "staff_member__reference",
                "council_worker__id",
            ):
                found.users[row["email"]] = UserSeen(
                    pk=row["pk"],
                    name=row["display_name"],
                    is_active=row["is_active"],
                    staff_organisation_id=row["staff_member__organisation_id"],
                    staff_reference=row["staff_member__reference"],
                    is_council_worker=row["council_worker__id"] is not None,
                )
        return found


def _text(value: Any) -> str:
    return str(value or "").strip()


class RecordForm(forms.Form):
    """One record of a kind. Subclasses list `columns`; every field is text, parsed in
    `clean_<key>` so each message quotes what was written."""

    kind: ClassVar[str]
    noun: ClassVar[str]
    columns: ClassVar[tuple[Column, ...]]

    def __init__(self, *args: Any, lookups: Lookups, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lookups = lookups
        for column in self.columns:
            self.fields[column.key] = forms.CharField(
                label=column.header.capitalize(),
                required=column.required,
                help_text=column.guide,
                strip=True,
                error_messages={"required": f"this is empty: every {self.noun} needs one"},
            )

    @classmethod
    def headers(cls) -> list[str]:
        return [c.header for c in cls.columns]

    @classmethod
    def checker(cls, *, lookups: Lookups) -> RecordForm:
        """One form that checks the rows of a file in turn (`check`). Building a form and
        its fields costs more than checking a row, so a large file builds one, not one a
        row; each row is checked exactly as a form of its own would check it."""
        form = cls(data={}, lookups=lookups)
        form.checks_rows = True
        return form

    checks_rows = False

    def check(self, data: dict[str, str]) -> bool:
        """Check `data` afresh, as a new form would: afterwards `errors` and
        `cleaned_data` (a new dict each time) are this row's only."""
        self.data = data
        self._errors = None  # Django's own "not yet checked"
        return self.is_valid()

    def _clean_fields(self) -> None:
        """For a file's rows, each cell as the text field does it (stripped, required,
        no null characters), then `clean_<key>`: Django's own steps, without a bound
        field and widget per cell. A page's form (its fields may differ) uses Django's."""
        if not self.checks_rows:
            super()._clean_fields()  # type: ignore[misc]  # in Django, not in its stubs
            return
        required = self.fields["reference" if "reference" in self.fields else "person"]
        empty = required.error_messages["required"]
        for column in self.columns:
            key = column.key
            value = str(self.data.get(key) or "").strip()
            try:
                if not value and column.required:
                    raise ValidationError(empty, code="required")
                if "\x00" in value:
                    raise ValidationError(NULL_CHARACTERS, code="null_characters_not_allowed")
                self.cleaned_data[key] = value
                cleaner = getattr(self, f"clean_{key}", None)
                if cleaner is not None:
                    self.cleaned_data[key] = cleaner()
            except ValidationError as error:
                self.add_error(key, error)

    def reference(self) -> str:
        """What a row is matched on when brought in again."""
        return str(self.cleaned_data["reference"])

    # Shared parsers, so the same words are used in every kind.

    def _yes_no(self, key: str) -> bool:
        value = _text(self.cleaned_data.get(key))
        if value.lower() in YES:
            return True
        if value.lower() in NO:
            return False
        raise ValidationError(f"'{value}' is not yes or no")

    def _hours(self, key: str, *, default: Decimal, most: Decimal) -> Decimal:
        value = _text(self.cleaned_data.get(key))
        if not value:
            return default
        # Digits 0 to 9 only: Decimal would also read ١٢ or ４０, which people misread.
        if not HOURS.match(value):
            raise ValidationError(f"'{value}' is not a number of hours")
        hours = Decimal(value)
        if hours > most:
            raise ValidationError(f"'{value}' is not between 0 and {most} hours")
        if hours != hours.quantize(Decimal("0.1")):
            raise ValidationError(f"'{value}' has more than one decimal place")
        return hours.quantize(Decimal("0.1"))

    def _email(self, key: str) -> str:
        value = _text(self.cleaned_data.get(key))
        try:
            validate_email(value)
        except ValidationError:
            raise ValidationError(f"'{value}' is not an email address") from None
        return value.lower()

    def _length(self, key: str, most: int) -> str:
        value = _text(self.cleaned_data.get(key))
        if len(value) > most:
            raise ValidationError(f"this is {len(value)} characters long: the most is {most}")
        no_bidi_controls(value)
        return value


def format_hours(hours: Decimal) -> str:
    """Hours as written in a file: 37.5, 40 (no trailing zero)."""
    return f"{hours.normalize():f}"


def yes_no(value: bool) -> str:
    return "yes" if value else "no"


def format_date(day: datetime.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


SERVICE_KINDS = {header_key(label): value for value, label in Service.Kind.choices} | {
    header_key(value): value for value in Service.Kind.values
}


class ServiceRecordForm(RecordForm):
    kind = "services"
    noun = "service"
    columns = (
        Column("reference", "reference", True, "Your own reference for the service.", "S-001"),
        Column("name", "name", True, "The service's name.", "Elm House"),
        Column(
            "type",
            "type",
            False,
            "Supported living, care home or community scheme. Empty means supported living.",
            "Supported living",
        ),
        Column("address_line_1", "address line 1", True, "The first line.", "4 Elm Road"),
        Column("address_line_2", "address line 2", False, "If there is one.", ""),
        Column("town", "town", True, "The town or city.", "Leeds"),
        Column("postcode", "postcode", True, "A UK postcode.", "LS1 4AB"),
        Column(
            "region",
            "region",
            True,
            "The region it belongs to. A region not yet in Alongside is added.",
            "North",
        ),
    )

    def clean_reference(self) -> str:
        return self._length("reference", 60)

    def clean_name(self) -> str:
        return self._length("name", 200)

    def clean_address_line_1(self) -> str:
        return self._length("address_line_1", 200)

    def clean_address_line_2(self) -> str:
        return self._length("address_line_2", 200)

    def clean_town(self) -> str:
        return self._length("town", 100)

    def clean_region(self) -> str:
        return self._length("region", 120)

    def clean_type(self) -> str:
        value = _text(self.cleaned_data.get("type"))
        if not value:
            return Service.Kind.SUPPORTED_LIVING.value
        found = SERVICE_KINDS.get(header_key(value))
        if found is None:
            raise ValidationError(
                f"'{value}' is not a type of service: write supported living, care home "
                "or community scheme"
            )
        return found

    def clean_postcode(self) -> str:
        value = _text(self.cleaned_data.get("postcode")).upper()
        if not UK_POSTCODE.match(value):
            raise ValidationError(f"'{value}' is not a UK postcode")
        # One space before the last three characters, as Royal Mail writes it.
        compact = value.replace(" ", "")
        return f"{compact[:-3]} {compact[-3:]}"


STAFF_ROLES = {header_key(label): value for value, label in StaffMember.Role.choices} | {
    header_key(value): value for value in StaffMember.Role.values
}


class StaffRecordForm(RecordForm):
    kind = "staff"
    noun = "staff member"
    columns = (
        Column(
            "reference", "reference", True, "Your own reference, such as a payroll number.", "P1001"
        ),
        Column("name", "name", True, "Their full name.", "Jo Bloggs"),
        Column(
            "email",
            "email",
            True,
            "Their work email: their invitation goes here.",
            "jo@example.org",
        ),
        Column(
            "role",
            "role",
            True,
            "Support worker, service manager, quality lead or organisation admin.",
            "Support worker",
        ),
        Column(
            "services",
            "services",
            False,
            "The references of the services they work in, with ; between them. "
            "Each service must be in Alongside already: bring in your services file first.",
            "S-001; S-002",
        ),
        Column(
            "skills",
            "skills",
            False,
            "Skills such as Medication trained, with ; between them.",
            "",
        ),
        Column(
            "contracted_hours",
            "contracted hours",
            False,
            "Hours a week in their contract. Empty means 37.5.",
            "37.5",
        ),
        Column(
            "maximum_hours",
            "maximum hours",
            False,
            "The most hours a week they may work. Empty means 48.",
            "48",
        ),
        Column(
            "opted_out_of_48_hours",
            "opted out of 48 hours",
            False,
            "Yes if they signed the opt-out from the 48-hour week. Empty means no.",
            "no",
        ),
        Column(
            "left",
            "left",
            False,
            "Yes if they have left: their account is closed and they are signed out. "
            "Empty means no.",
            "no",
        ),
    )

    def clean_reference(self) -> str:
        return self._length("reference", 60)

    def clean_name(self) -> str:
        return self._length("name", 150)

    def clean_email(self) -> str:
        email = self._email("email")
        seen = self.lookups.users.get(email)
        if seen is not None and (
            seen.is_council_worker
            or seen.staff_organisation_id not in (None, self.lookups.organisation.pk)
        ):
            raise ValidationError(f"'{email}' is already used by someone at another organisation")
        return email

    def clean_role(self) -> str:
        value = _text(self.cleaned_data.get("role"))
        found = STAFF_ROLES.get(header_key(value))
        if found is None:
            raise ValidationError(
                f"'{value}' is not a role: write support worker, service manager, quality "
                "lead or organisation admin"
            )
        return found

    def clean_services(self) -> frozenset[int]:
        refs = [r.strip() for r in _text(self.cleaned_data.get("services")).split(LIST_SEPARATOR)]
        ids, missing = set(), []
        for ref in filter(None, refs):
            pk = self.lookups.service_ids.get(ref)
            if pk is None:
                missing.append(ref)
            else:
                ids.add(pk)
        if missing:
            names = ", ".join(f"'{m}'" for m in missing)
            raise ValidationError(
                f"{names} {'is not a service' if len(missing) == 1 else 'are not services'} "
                "in Alongside: bring in your services file first"
            )
        return frozenset(ids)

    def clean_skills(self) -> frozenset[int]:
        names = [n.strip() for n in _text(self.cleaned_data.get("skills")).split(LIST_SEPARATOR)]
        ids, unknown = set(), []
        for name in filter(None, names):
            pk = self.lookups.skill_ids.get(name.lower())
            if pk is None:
                unknown.append(name)
            else:
                ids.add(pk)
        if unknown:
            known = ", ".join(sorted(self.lookups.skill_names.values())) or "none yet"
            raise ValidationError(
                f"{', '.join(repr(u) for u in unknown)} not a skill Alongside knows "
                f"(it knows: {known})"
            )
        return frozenset(ids)

    def clean_contracted_hours(self) -> Decimal:
        return self._hours("contracted_hours", default=Decimal("37.5"), most=Decimal("99"))

    def clean_maximum_hours(self) -> Decimal:
        return self._hours("maximum_hours", default=Decimal("48"), most=Decimal("80"))

    def clean_opted_out_of_48_hours(self) -> bool:
        return self._yes_no("opted_out_of_48_hours")

    def clean_left(self) -> bool:
        return self._yes_no("left")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        most = data.get("maximum_hours")
        if most is not None and most > 48 and data.get("opted_out_of_48_hours") is False:
            self.add_error(
                "maximum_hours",
                f"'{format_hours(most)}' is more than 48 hours a week: that needs their "
                "written opt-out (yes under opted out of 48 hours)",
            )
        email, ref = data.get("email"), data.get("reference")
        seen = self.lookups.users.get(email or "")
        if (
            seen
            and seen.staff_organisation_id
            and seen.staff_reference
            and seen.staff_reference != ref
        ):
            self.add_error(
                "email",
                f"'{email}' is already used by the staff member with reference "
                f"'{seen.staff_reference}'",
            )
        return data


class PersonRecordForm(RecordForm):
    kind = "people"
    noun = "person"
    columns = (
        Column("reference", "reference", True, "Your own reference for the person.", "R-0001"),
        Column("full_name", "full name", True, "Their full name.", "Samira Khan"),
        Column(
            "preferred_name",
            "preferred name",
            False,
            "The name they like to be called. Empty means the first word of their full name.",
            "Sam",
        ),
        Column(
            "date_of_birth",
            "date of birth",
            False,
            "As 31/12/1990 or 1990-12-31.",
            "31/12/1990",
        ),
        Column(
            "service",
            "service",
            True,
            "The reference of their service, already in Alongside.",
            "S-001",
        ),
        Column(
            "council",
            "council",
            True,
            "The name of the council that funds their support, as Alongside has it.",
            "Leeds City Council",
        ),
        Column(
            "council_reference",
            "council reference",
            False,
            "The council's own reference for them.",
            "LCC-123",
        ),
        Column(
            "nhs_number",
            "NHS number",
            False,
            "Ten digits. Spaces are fine. It is checked, so a mistyped number is caught.",
            "943 476 5919",
        ),
    )

    def clean_reference(self) -> str:
        return self._length("reference", 60)

    def clean_full_name(self) -> str:
        return self._length("full_name", 200)

    def clean_preferred_name(self) -> str:
        return self._length("preferred_name", 100)

    def clean_council_reference(self) -> str:
        return self._length("council_reference", 60)

    def clean_date_of_birth(self) -> datetime.date | None:
        value = _text(self.cleaned_data.get("date_of_birth"))
        if not value:
            return None
        for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
            try:
                day = datetime.datetime.strptime(value, pattern).date()
            except ValueError:
                continue
            if day > timezone.localdate():
                raise ValidationError(f"'{value}' is in the future")
            return day
        raise ValidationError(f"'{value}' is not a date: write it as 31/12/1990 or 1990-12-31")

    def clean_service(self) -> int:
        ref = _text(self.cleaned_data.get("service"))
        pk = self.lookups.service_ids.get(ref)
        if pk is None:
            raise ValidationError(
                f"'{ref}' is not a service in Alongside: bring in your services file first"
            )
        return pk

    def clean_council(self) -> int:
        name = _text(self.cleaned_data.get("council"))
        pk = self.lookups.council_ids.get(name.lower())
        if pk is None:
            raise ValidationError(f"'{name}' is not a council in Alongside")
        return pk

    def clean_nhs_number(self) -> str:
        value = _text(self.cleaned_data.get("nhs_number"))
        if value and not nhs_number_is_valid(value):
            raise ValidationError(
                f"'{value}' is not an NHS number: it has 10 digits and the last one checks "
                "the others"
            )
        return value.replace(" ", "")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("preferred_name") and data.get("full_name"):
            data["preferred_name"] = data["full_name"].split()[0][:100]
        return data


class SupporterRecordForm(RecordForm):
    kind = "supporters"
    noun = "supporter"
    columns = (
        Column(
            "person",
            "person",
            True,
            "The reference of the person they support, already in Alongside.",
            "R-0001",
        ),
        Column("name", "name", True, "The supporter's full name.", "Amir Khan"),
        Column(
            "email", "email", True, "Their email: their invitation goes here.", "amir@example.org"
        ),
        Column(
            "relationship",
            "relationship",
            True,
            "Who they are to the person, in the person's words.",
            "My brother",
        ),
    )

    def reference(self) -> str:
        # A supporter is one person's link to one account: both together name the row.
        return f"{self.cleaned_data['person']}:{self.cleaned_data['email']}"

    def clean_person(self) -> int:
        ref = _text(self.cleaned_data.get("person"))
        pk = self.lookups.person_ids.get(ref)
        if pk is None:
            raise ValidationError(
                f"'{ref}' is not a person in Alongside: bring in your people file first"
            )
        return pk

    def clean_name(self) -> str:
        return self._length("name", 150)

    def clean_relationship(self) -> str:
        return self._length("relationship", 100)

    def clean_email(self) -> str:
        email = self._email("email")
        seen = self.lookups.users.get(email)
        if seen is not None and (seen.staff_organisation_id or seen.is_council_worker):
            raise ValidationError(
                f"'{email}' is a staff account: a supporter needs their own personal email"
            )
        return email


RECORD_FORMS: dict[str, type[RecordForm]] = {
    form.kind: form
    for form in (ServiceRecordForm, StaffRecordForm, PersonRecordForm, SupporterRecordForm)
}
