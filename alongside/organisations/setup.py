"""One record at a time, for Alongside's own set-up pages (issue 13, item 4).

A page adds or changes one record through exactly what the importer uses: the record's
form in alongside/imports/records.py (the same checks and the same messages) and the
kind's writer in alongside/imports/importer.py (the same write, with its history). Only
what a page needs besides is here: which fields an edit may not change, a fingerprint of
the record as the editor saw it (so two admins are never silently overwritten), and
ending a record.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import ProtectedError, QuerySet

from alongside.accounts.invitations import invite
from alongside.accounts.models import User
from alongside.accounts.services import AccountRefused, end_account
from alongside.concurrency import EditConflict
from alongside.imports.importer import WRITERS
from alongside.imports.records import (
    RECORD_FORMS,
    Lookups,
    RecordForm,
    format_hours,
    yes_no,
)
from alongside.organisations.models import Organisation, Region, Service, StaffMember
from alongside.people.models import Person, Supporter

# The kinds an organisation admin looks after on these pages. People we support are
# added by their service manager (`add_person`).
ADMIN_KINDS = ("services", "staff", "supporters")
# Whether someone has left is said by ending them, not by a field on the form.
NOT_ON_PAGES = {"staff": ("left",), "people": ("service",)}


class RecordRefused(Exception):
    """The record was not saved: `form` holds every message, beside its field."""

    def __init__(self, form: RecordForm) -> None:
        super().__init__("; ".join(str(e) for e in form.errors.values()))
        self.form = form


class EndRefused(Exception):
    """The record cannot be ended; the message says why in plain words."""


def records_of(*, organisation: Organisation, kind: str) -> QuerySet[Any]:
    """The organisation's records of `kind`: the only ones its admin may open."""
    if kind == "services":
        return Service.objects.filter(organisation=organisation).select_related("region")
    if kind == "staff":
        return StaffMember.objects.filter(organisation=organisation).select_related(
            "user", "rota_terms"
        )
    if kind == "supporters":
        # The person's service says whose they are (people from before imports have no
        # provider set).
        return Supporter.objects.filter(person__service__organisation=organisation).select_related(
            "user", "person", "person__service"
        )
    raise KeyError(kind)


def _key(reference: str, pk: int) -> str:
    # Records made before references existed are named by their id on a page.
    return reference or f"#{pk}"


def form_data(*, kind: str, record: Any) -> dict[str, str]:
    """The record as its row in a file would hold it: what its edit page starts with."""
    if kind == "services":
        return {
            "reference": record.reference,
            "name": record.name,
            "type": record.get_kind_display(),
            "address_line_1": record.address_line_1,
            "address_line_2": record.address_line_2,
            "town": record.town,
            "postcode": record.postcode,
            "region": record.region.name,
        }
    if kind == "staff":
        terms = getattr(record, "rota_terms", None)
        return {
            "reference": record.reference,
            "name": record.user.display_name,
            "email": record.user.email,
            "role": record.get_role_display(),
            "services": "; ".join(sorted(_key(s.reference, s.pk) for s in record.services.all())),
            "skills": "; ".join(sorted(s.name for s in record.skills.all())),
            "contracted_hours": format_hours(record.contracted_hours),
            "maximum_hours": format_hours(terms.max_hours) if terms else "48",
            "opted_out_of_48_hours": yes_no(bool(terms and terms.opted_out_of_48_hours)),
            "left": yes_no(not record.user.is_active),
        }
    return {
        "person": _key(record.person.reference, record.person_id),
        "name": record.user.display_name,
        "email": record.user.email,
        "relationship": record.relationship,
    }


def fingerprint(*, kind: str, record: Any) -> str:
    """A short hash of the record as a page shows it; an edit carries the one it started
    from, and a save that finds another is an edit conflict."""
    data = form_data(kind=kind, record=record)
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:32]


def _fixed(kind: str, record: Any) -> dict[str, str]:
    """What an edit keeps as it is: what the record is matched on when brought in again."""
    data = form_data(kind=kind, record=record)
    if kind == "supporters":
        return {"person": data["person"], "email": data["email"]}
    fixed = {"reference": data["reference"]} if data["reference"] else {}
    if kind == "staff":
        fixed["left"] = data["left"]
    return fixed


def _lookups(organisation: Organisation, data: Mapping[str, str]) -> Lookups:
    lookups = Lookups.for_organisation(organisation, emails=[data.get("email", "")])
    # Records made before references are picked by their id, as `_key` names them.
    for pk, ref in Service.objects.filter(organisation=organisation, reference="").values_list(
        "pk", "reference"
    ):
        lookups.service_ids[_key(ref, pk)] = pk
    known = set(lookups.person_ids.values())
    for pk, ref in Person.objects.filter(service__organisation=organisation).values_list(
        "pk", "reference"
    ):
        if pk not in known:
            lookups.person_ids.setdefault(_key(ref, pk), pk)
    return lookups


def _checked(form_class: type[RecordForm], data: Mapping[str, str], lookups: Lookups) -> Any:
    form = form_class(data=data, lookups=lookups)
    if not form.is_valid():
        raise RecordRefused(form)
    return form


def _write_one(
    *,
    organisation: Organisation,
    kind: str,
    form: RecordForm,
    lookups: Lookups,
    by: User,
    record: Any = None,
) -> None:
    """The importer's writer, for one row: added when `record` is None, else changed."""
    writer = WRITERS[kind](organisation, lookups)
    if record is None:
        if writer.classify(form.reference(), form.cleaned_data) != "added":
            field = "email" if kind == "supporters" else "reference"
            form.add_error(
                field,
                f"'{form.data.get(field, '')}' is already in Alongside: change that record instead",
            )
            raise RecordRefused(form)
    else:
        if kind == "staff":
            # The writer's own copy: it knows the staff member's services and skills.
            record = next(
                s
                for s in [*writer.by_reference.values(), *writer.by_email.values()]  # type: ignore[attr-defined]
                if s.pk == record.pk
            )
        writer.updates.append((record, form.cleaned_data))
    writer.write(by=by, progress=None)


def add_record(*, organisation: Organisation, kind: str, data: Mapping[str, str], by: User) -> Any:
    """Add one service, staff member or supporter, checked as a row of a file would be.
    Staff and supporters are sent an invitation. Raises RecordRefused, writing nothing."""
    data = {**data, "left": "no"} if kind == "staff" else dict(data)
    with transaction.atomic():
        lookups = _lookups(organisation, data)
        form = _checked(RECORD_FORMS[kind], data, lookups)
        _write_one(organisation=organisation, kind=kind, form=form, lookups=lookups, by=by)
        cleaned = form.cleaned_data
        records = records_of(organisation=organisation, kind=kind)
        if kind == "supporters":
            made = records.get(person_id=cleaned["person"], user__email=cleaned["email"])
        else:
            made = records.get(reference=cleaned["reference"])
        if kind in ("staff", "supporters"):
            invite(user=made.user, invited_by=by)
    return made


def _refuse_clashes(
    *, organisation: Organisation, kind: str, record: Any, form: RecordForm
) -> None:
    """What a file's row cannot do but an edit can: give a record from before references
    one already in use, or give a staff member an email another account has."""
    cleaned = form.cleaned_data
    if kind in ("services", "staff") and not record.reference:
        model = Service if kind == "services" else StaffMember
        used = model.objects.filter(organisation=organisation, reference=cleaned["reference"])
        if used.exclude(pk=record.pk).exists():
            form.add_error(
                "reference",
                f"'{cleaned['reference']}' is already the reference of another {form.noun}",
            )
    if (
        kind == "staff"
        and cleaned["email"] != record.user.email
        and User.objects.filter(email=cleaned["email"]).exclude(pk=record.user_id).exists()
    ):
        form.add_error("email", f"'{cleaned['email']}' is already used by another account")
    if form.errors:
        raise RecordRefused(form)


def change_record(
    *,
    organisation: Organisation,
    kind: str,
    record: Any,
    data: Mapping[str, str],
    seen: str,
    by: User,
) -> Any:
    """Change one record, checked as a row of a file would be. `seen` is the fingerprint
    the editor started from: if someone saved since, raises EditConflict with what they
    saved. Raises RecordRefused on bad input. Either way nothing is written."""
    with transaction.atomic():
        # Locked, so of two saves at once the second sees the first's fingerprint.
        current = records_of(organisation=organisation, kind=kind).select_for_update(of=("self",))
        record = current.get(pk=record.pk)
        if fingerprint(kind=kind, record=record) != seen:
            raise EditConflict(record)
        data = {**data, **_fixed(kind, record)}
        lookups = _lookups(organisation, data)
        form = _checked(RECORD_FORMS[kind], data, lookups)
        _refuse_clashes(organisation=organisation, kind=kind, record=record, form=form)
        if kind == "services" and not record.reference:
            # A service from before references: it takes the one typed now.
            record.reference = form.cleaned_data["reference"]
            record.save(update_fields=["reference"])
        _write_one(
            organisation=organisation, kind=kind, form=form, lookups=lookups, by=by, record=record
        )
    return records_of(organisation=organisation, kind=kind).get(pk=record.pk)


def end_record(*, kind: str, record: Any, by: User, reason: str = "") -> None:
    """End one record. A staff member's account is ended (`end_account`: signed out at
    once, what they wrote keeps their name); a supporter no longer supports the person;
    a service nobody works in or lives at is removed. Raises EndRefused otherwise."""
    if kind == "staff":
        end_account(user=record.user, by=by, reason=reason)
    elif kind == "supporters":
        record.is_active = False
        record._change_reason = "Ended on the set-up pages"
        record.save(update_fields=["is_active"])
    else:
        people, staff = record.people.count(), record.staff.count()
        if people or staff:
            raise EndRefused(
                f"{record.name} still has {people} people we support and {staff} staff. "
                "Move them to another service first."
            )
        try:
            record.delete()
        except ProtectedError:
            raise EndRefused(
                f"{record.name} has records, such as rotas or quality checks, that stay "
                "with it, so it cannot be removed."
            ) from None


def add_person(*, service: Service, data: Mapping[str, str], by: User) -> Person:
    """A service manager adds a person we support to `service`, checked as a row of a
    people file would be. Raises RecordRefused, writing nothing."""
    organisation = service.organisation
    key = _key(service.reference, service.pk)
    data = {**data, "service": key}
    with transaction.atomic():
        lookups = _lookups(organisation, data)
        # Only this service may be named: a manager adds people to their own services.
        lookups.service_ids = {key: service.pk}
        form = _checked(RECORD_FORMS["people"], data, lookups)
        _write_one(organisation=organisation, kind="people", form=form, lookups=lookups, by=by)
    return Person.objects.get(provider=organisation, reference=form.cleaned_data["reference"])


def create_organisation(*, name: str, kind: str, admin_email: str, admin_name: str) -> User:
    """A provider or council from nothing, with its first organisation admin, who is sent
    an invitation. Raises AccountRefused (changing nothing) when the name or the email is
    taken, or a value is not right. Providers get a first region, which services need."""
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    name, admin_name = name.strip(), admin_name.strip()
    admin_email = admin_email.strip().lower()
    if not name:
        raise AccountRefused("Give the organisation a name")
    if kind not in Organisation.Kind.values:
        raise AccountRefused(f"The kind must be one of: {', '.join(Organisation.Kind.values)}")
    if not admin_name:
        raise AccountRefused("Give the admin's name")
    try:
        validate_email(admin_email)
    except ValidationError:
        raise AccountRefused(
            f"'{admin_email}' is not an email address. Use one like name@example.org"
        ) from None
    if Organisation.objects.filter(name__iexact=name).exists():
        raise AccountRefused(
            f"There is already an organisation called '{name}'. Choose another name"
        )
    if User.objects.filter(email__iexact=admin_email).exists():
        raise AccountRefused(
            f"The email address {admin_email} is already used by another account. Use another"
        )
    with transaction.atomic():
        organisation = Organisation.objects.create(name=name, kind=kind)
        if kind == Organisation.Kind.PROVIDER:
            Region.objects.create(organisation=organisation, name="Main region")
        # Organisation admins have Django's staff flag (the set-up pages), behind two-factor.
        admin = User.objects.create_user(admin_email, display_name=admin_name, is_staff=True)
        StaffMember.objects.create(
            user=admin, organisation=organisation, role=StaffMember.Role.ORG_ADMIN
        )
        invite(user=admin, invited_by=None, easy_read=False)
    return admin
