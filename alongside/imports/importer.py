"""Reading a file of records, checking every row, and bringing the rows in.

Reading: tablib parses the CSV (ADR 0060); this module only decodes the bytes, matches the
headings to the kind's columns and leaves out empty rows. Checking: each row goes through
its kind's form (records.py) against what is already in Alongside, loaded once. Bringing
in: the rows are written in bulk, a batch at a time, in one transaction (all or nothing).

The number of queries is constant per batch of rows, never one per row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import tablib
from django.conf import settings
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from alongside.accounts.models import User
from alongside.accounts.services import end_accounts
from alongside.audit.models import SecurityEvent
from alongside.audit.reads import note_read
from alongside.audit.services import record_security_events
from alongside.csv_files import restore
from alongside.organisations.models import Organisation, Region, Service, StaffMember
from alongside.people.models import Person, Supporter
from alongside.rota.models import WorkerTerms

from .records import (
    RECORD_FORMS,
    Column,
    Lookups,
    RecordForm,
    format_date,
    format_hours,
    header_key,
    yes_no,
)

BATCH = 500
Progress = Callable[[int, int], None]


def max_bytes() -> int:
    return int(getattr(settings, "IMPORT_MAX_BYTES", 20 * 1024 * 1024))


class FileProblem(Exception):
    """The file as a whole cannot be read: each message says why, in plain words."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass
class Row:
    number: int  # as the spreadsheet shows it: the headings are row 1
    data: dict[str, str]


# Files that are not text, by their first bytes: Excel workbooks (zip), old Excel, PDF.
NOT_TEXT_STARTS = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF")


def decode(data: bytes, *, file_name: str, size: int | None = None) -> str:
    """The file's text: UTF-8 with or without a byte-order mark, or Windows-1252 (what
    Excel's plain "CSV" saves). `size` is the whole file's, when only its start was read."""
    size = len(data) if size is None else size
    if size > max_bytes():
        raise FileProblem(
            [
                f"'{file_name}' is {size / 1024 / 1024:.1f} MB: the most Alongside takes "
                f"is {max_bytes() // 1024 // 1024} MB. Split it into smaller files."
            ]
        )
    not_csv = (
        f"'{file_name}' is not a CSV file. In your spreadsheet, choose Save as, then "
        "CSV UTF-8, and upload that."
    )
    if data.startswith(NOT_TEXT_STARTS) or b"\x00" in data[:8192]:
        raise FileProblem([not_csv])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise FileProblem([not_csv]) from None
    if not text.strip():
        raise FileProblem([f"'{file_name}' is empty: it needs a row of headings and a row each."])
    return text


def read_rows(text: str, *, kind: str, file_name: str) -> list[Row]:
    """The file's rows, each keyed by its column's form field. Headings may come in any
    order and are matched without regard to case or spaces; empty rows are left out."""
    form = RECORD_FORMS[kind]
    try:
        dataset = tablib.Dataset().load(text, format="csv")
    except Exception:  # tablib raises its own and csv's errors for a broken file
        raise FileProblem(
            [
                f"'{file_name}' could not be read as a CSV file: some rows have more cells "
                "than there are headings. Check for stray commas."
            ]
        ) from None
    by_key = {header_key(c.header): c for c in form.columns}
    problems, keys = [], []
    seen: dict[str, str] = {}
    for heading in dataset.headers or []:
        heading = restore(str(heading or "")).strip()
        column = by_key.get(header_key(heading))
        if not heading:
            keys.append("")
            continue
        if column is None:
            problems.append(
                f"The column '{heading}' is not one Alongside knows for a {form.noun} file. "
                f"The columns are: {', '.join(form.headers())}."
            )
        elif column.key in seen:
            problems.append(f"The column '{heading}' is in the file twice.")
        else:
            seen[column.key] = heading
        keys.append(column.key if column else "")
    for column in form.columns:
        if column.required and column.key not in seen:
            problems.append(
                f"The file has no '{column.header}' column: every {form.noun} file needs one."
            )
    if problems:
        raise FileProblem(problems)
    rows = []
    for index, values in enumerate(dataset):
        cells = [restore(str(v or "")).strip() for v in values]
        if not any(cells):
            continue  # empty rows, such as the ones Excel leaves at the end
        data = {k: v for k, v in zip(keys, cells, strict=True) if k}
        rows.append(Row(number=index + 2, data=data))
    if not rows:
        raise FileProblem([f"'{file_name}' has headings but no rows."])
    return rows


# --- Each kind: what is there now, what a row would change, and how it is written --------


@dataclass
class Plan:
    """What checking found: the counts, every problem, and the writes bringing in makes."""

    kind: str
    total_rows: int = 0
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    problems: list[str] = field(default_factory=list)
    writer: KindWriter | None = None


class KindWriter:
    """Knows one kind's records in an organisation: loads them once, classifies each
    checked row, and writes the added and changed ones in bulk."""

    def __init__(self, organisation: Organisation, lookups: Lookups) -> None:
        self.organisation = organisation
        self.lookups = lookups
        self.new: list[dict[str, Any]] = []
        self.updates: list[tuple[Any, dict[str, Any]]] = []
        # Accounts made by `write`, to be sent an invitation once they are in.
        self.new_accounts: list[User] = []

    def current(
        self, reference: str, cleaned: dict[str, Any]
    ) -> tuple[Any, tuple[Any, ...]] | None:
        raise NotImplementedError

    def values(self, cleaned: dict[str, Any]) -> tuple[Any, ...]:
        raise NotImplementedError

    def classify(self, reference: str, cleaned: dict[str, Any]) -> str:
        found = self.current(reference, cleaned)
        if found is None:
            self.new.append(cleaned)
            return "added"
        record, now = found
        if now == self.values(cleaned):
            return "unchanged"
        self.updates.append((record, cleaned))
        return "changed"

    def write(self, *, by: User | None, progress: Progress | None) -> None:
        raise NotImplementedError


def _batches(items: list[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(items), BATCH):
        yield items[start : start + BATCH]


REASON = "Brought in from a file"


class ServiceWriter(KindWriter):
    def __init__(self, organisation: Organisation, lookups: Lookups) -> None:
        super().__init__(organisation, lookups)
        self.existing = {
            s.reference: s
            for s in Service.objects.filter(organisation=organisation)
            .exclude(reference="")
            .select_related("region")
        }

    def values(self, cleaned: dict[str, Any]) -> tuple[Any, ...]:
        return (
            cleaned["name"],
            cleaned["type"],
            cleaned["address_line_1"],
            cleaned["address_line_2"],
            cleaned["town"],
            cleaned["postcode"],
            cleaned["region"].lower(),
        )

    def current(
        self, reference: str, cleaned: dict[str, Any]
    ) -> tuple[Any, tuple[Any, ...]] | None:
        s = self.existing.get(reference)
        if s is None:
            return None
        now = (s.name, s.kind, s.address_line_1, s.address_line_2, s.town, s.postcode)
        return s, (*now, s.region.name.lower())

    def write(self, *, by: User | None, progress: Progress | None) -> None:
        regions = dict(self.lookups.region_ids)
        wanted: dict[str, str] = {}
        for cleaned in [*self.new, *(c for _, c in self.updates)]:
            wanted.setdefault(cleaned["region"].lower(), cleaned["region"])
        missing = [
            Region(organisation=self.organisation, name=n)
            for k, n in wanted.items()
            if k not in regions
        ]
        for region in Region.objects.bulk_create(missing, batch_size=BATCH):
            regions[region.name.lower()] = region.pk

        def fill(service: Service, cleaned: dict[str, Any]) -> Service:
            service.name = cleaned["name"]
            service.kind = cleaned["type"]
            service.address_line_1 = cleaned["address_line_1"]
            service.address_line_2 = cleaned["address_line_2"]
            service.town = cleaned["town"]
            service.postcode = cleaned["postcode"]
            service.region_id = regions[cleaned["region"].lower()]
            return service

        done = 0
        for batch in _batches(self.new):
            objs = [
                fill(Service(organisation=self.organisation, reference=c["reference"]), c)
                for c in batch
            ]
            bulk_create_with_history(
                objs, Service, batch_size=BATCH, default_user=by, default_change_reason=REASON
            )
            done += len(batch)
            if progress:
                progress(done, len(self.new) + len(self.updates))
        for batch in _batches(self.updates):
            objs = [fill(s, c) for s, c in batch]
            bulk_update_with_history(
                objs,
                Service,
                ["name", "kind", "address_line_1", "address_line_2", "town", "postcode", "region"],
                batch_size=BATCH,
                default_user=by,
                default_change_reason=REASON,
            )
            done += len(batch)
            if progress:
                progress(done, len(self.new) + len(self.updates))


class StaffWriter(KindWriter):
    def __init__(self, organisation: Organisation, lookups: Lookups) -> None:
        super().__init__(organisation, lookups)
        staff = list(
            StaffMember.objects.filter(organisation=organisation).select_related(
                "user", "rota_terms"
            )
        )
        self.by_reference = {s.reference: s for s in staff if s.reference}
        # Staff added before references existed are matched once on their email.
        self.by_email = {s.user.email: s for s in staff if not s.reference}
        through = StaffMember.services.through
        self.services: dict[int, set[int]] = {}
        for staff_id, service_id in through.objects.filter(
            staffmember__organisation=organisation
        ).values_list("staffmember_id", "service_id"):
            self.services.setdefault(staff_id, set()).add(service_id)
        self.skills: dict[int, set[int]] = {}
        for staff_id, skill_id in StaffMember.skills.through.objects.filter(
            staffmember__organisation=organisation
        ).values_list("staffmember_id", "skill_id"):
            self.skills.setdefault(staff_id, set()).add(skill_id)

    def values(self, cleaned: dict[str, Any]) -> tuple[Any, ...]:
        return (
            cleaned["name"],
            cleaned["email"],
            cleaned["role"],
            frozenset(cleaned["services"]),
            frozenset(cleaned["skills"]),
            cleaned["contracted_hours"],
            cleaned["maximum_hours"],
            cleaned["opted_out_of_48_hours"],
            cleaned["left"],
            cleaned["reference"],
        )

    @staticmethod
    def terms_of(staff: StaffMember) -> tuple[Decimal, bool]:
        terms = getattr(staff, "rota_terms", None)
        return (terms.max_hours, terms.opted_out_of_48_hours) if terms else (Decimal("48"), False)

    def current(
        self, reference: str, cleaned: dict[str, Any]
    ) -> tuple[Any, tuple[Any, ...]] | None:
        s = self.by_reference.get(reference) or self.by_email.get(cleaned["email"])
        if s is None:
            return None
        most, opted_out = self.terms_of(s)
        return s, (
            s.user.display_name,
            s.user.email,
            s.role,
            frozenset(self.services.get(s.pk, ())),
            frozenset(self.skills.get(s.pk, ())),
            s.contracted_hours,
            most,
            opted_out,
            not s.user.is_active,
            s.reference,
        )

    def write(self, *, by: User | None, progress: Progress | None) -> None:
        total, done = len(self.new) + len(self.updates), 0
        through_services, through_skills = StaffMember.services.through, StaffMember.skills.through
        for batch in _batches(self.new):
            users = []
            for c in batch:
                seen = self.lookups.users.get(c["email"])
                if seen is None:
                    user = User(email=c["email"], display_name=c["name"], is_active=not c["left"])
                    user.set_unusable_password()  # they set one from their invitation
                    users.append(user)
            created = User.objects.bulk_create(users, batch_size=BATCH)
            self.new_accounts.extend(u for u in created if u.is_active)
            made = {u.email: u.pk for u in created}
            staff = [
                StaffMember(
                    user_id=made.get(c["email"]) or self.lookups.users[c["email"]].pk,
                    organisation=self.organisation,
                    role=c["role"],
                    contracted_hours=c["contracted_hours"],
                    reference=c["reference"],
                )
                for c in batch
            ]
            staff = bulk_create_with_history(
                staff, StaffMember, batch_size=BATCH, default_user=by, default_change_reason=REASON
            )
            self._links(zip(staff, batch, strict=True), through_services, through_skills)
            bulk_create_with_history(
                [
                    WorkerTerms(
                        worker=s,
                        max_hours=c["maximum_hours"],
                        opted_out_of_48_hours=c["opted_out_of_48_hours"],
                    )
                    for s, c in zip(staff, batch, strict=True)
                ],
                WorkerTerms,
                batch_size=BATCH,
                default_user=by,
                default_change_reason=REASON,
            )
            done += len(batch)
            if progress:
                progress(done, total)
        for batch in _batches(self.updates):
            users, staff, terms_changed, terms_new = [], [], [], []
            leaving, returning = [], []
            for s, c in batch:
                s.user.email, s.user.display_name = c["email"], c["name"]
                users.append(s.user)
                s.role, s.contracted_hours, s.reference = (
                    c["role"],
                    c["contracted_hours"],
                    c["reference"],
                )
                staff.append(s)
                terms = getattr(s, "rota_terms", None)
                wanted = (c["maximum_hours"], c["opted_out_of_48_hours"])
                if terms is None:
                    terms_new.append(
                        WorkerTerms(worker=s, max_hours=wanted[0], opted_out_of_48_hours=wanted[1])
                    )
                elif self.terms_of(s) != wanted:
                    terms.max_hours, terms.opted_out_of_48_hours = wanted
                    terms.version += 1
                    terms_changed.append(terms)
                if c["left"] and s.user.is_active:
                    leaving.append(s.user_id)
                elif not c["left"] and not s.user.is_active:
                    # A corrected file: they had not left after all.
                    returning.append(s.user_id)
            User.objects.bulk_update(users, ["email", "display_name"], batch_size=BATCH)
            bulk_update_with_history(
                staff,
                StaffMember,
                ["role", "contracted_hours", "reference"],
                batch_size=BATCH,
                default_user=by,
                default_change_reason=REASON,
            )
            if terms_changed:
                bulk_update_with_history(
                    terms_changed,
                    WorkerTerms,
                    ["max_hours", "opted_out_of_48_hours", "version"],
                    batch_size=BATCH,
                    default_user=by,
                    default_change_reason=REASON,
                )
            if terms_new:
                bulk_create_with_history(
                    terms_new,
                    WorkerTerms,
                    batch_size=BATCH,
                    default_user=by,
                    default_change_reason=REASON,
                )
            relinked = [
                (s, c)
                for s, c in batch
                if set(c["services"]) != self.services.get(s.pk, set())
                or set(c["skills"]) != self.skills.get(s.pk, set())
            ]
            if relinked:
                ids = [s.pk for s, _ in relinked]
                through_services.objects.filter(staffmember_id__in=ids).delete()
                through_skills.objects.filter(staffmember_id__in=ids).delete()
                self._links(relinked, through_services, through_skills)
            end_accounts(user_ids=leaving, by=by, reason="Marked as left in a file brought in")
            if returning:
                # Back after leaving (a corrected file): as `reactivate_account`, in bulk.
                User.objects.filter(pk__in=returning).update(
                    is_active=True, ended_at=None, ended_by=None, ended_reason=""
                )
                record_security_events(
                    kind=SecurityEvent.Kind.ACCOUNT_REACTIVATED,
                    user_ids=returning,
                    done_by_id=by.pk if by else None,
                )
                self.new_accounts.extend(User.objects.filter(pk__in=returning))
            done += len(batch)
            if progress:
                progress(done, total)

    @staticmethod
    def _links(
        pairs: Iterable[tuple[StaffMember, dict[str, Any]]], services: Any, skills: Any
    ) -> None:
        service_rows, skill_rows = [], []
        for s, c in pairs:
            service_rows += [services(staffmember_id=s.pk, service_id=pk) for pk in c["services"]]
            skill_rows += [skills(staffmember_id=s.pk, skill_id=pk) for pk in c["skills"]]
        services.objects.bulk_create(service_rows, batch_size=BATCH)
        skills.objects.bulk_create(skill_rows, batch_size=BATCH)


class PersonWriter(KindWriter):
    FIELDS = (
        "full_name",
        "preferred_name",
        "date_of_birth",
        "service_id",
        "council_id",
        "council_reference",
        "nhs_number",
    )

    def __init__(self, organisation: Organisation, lookups: Lookups) -> None:
        super().__init__(organisation, lookups)
        self.existing = {
            p.reference: p
            for p in Person.objects.filter(provider=organisation).exclude(reference="")
        }

    def values(self, cleaned: dict[str, Any]) -> tuple[Any, ...]:
        return (
            cleaned["full_name"],
            cleaned["preferred_name"],
            cleaned["date_of_birth"],
            cleaned["service"],
            cleaned["council"],
            cleaned["council_reference"],
            cleaned["nhs_number"],
        )

    def current(
        self, reference: str, cleaned: dict[str, Any]
    ) -> tuple[Any, tuple[Any, ...]] | None:
        p = self.existing.get(reference)
        return None if p is None else (p, tuple(getattr(p, f) for f in self.FIELDS))

    def _fill(self, person: Person, cleaned: dict[str, Any]) -> Person:
        for name, value in zip(self.FIELDS, self.values(cleaned), strict=True):
            setattr(person, name, value)
        return person

    def write(self, *, by: User | None, progress: Progress | None) -> None:
        total, done = len(self.new) + len(self.updates), 0
        for batch in _batches(self.new):
            bulk_create_with_history(
                [
                    self._fill(Person(provider=self.organisation, reference=c["reference"]), c)
                    for c in batch
                ],
                Person,
                batch_size=BATCH,
                default_user=by,
                default_change_reason=REASON,
            )
            done += len(batch)
            if progress:
                progress(done, total)
        for batch in _batches(self.updates):
            people = []
            for p, c in batch:
                self._fill(p, c)
                p.version += 1  # anyone editing the details now is told it changed
                people.append(p)
            bulk_update_with_history(
                people,
                Person,
                [*(f.removesuffix("_id") for f in self.FIELDS), "version"],
                batch_size=BATCH,
                default_user=by,
                default_change_reason=REASON,
            )
            done += len(batch)
            if progress:
                progress(done, total)


class SupporterWriter(KindWriter):
    def __init__(self, organisation: Organisation, lookups: Lookups) -> None:
        super().__init__(organisation, lookups)
        self.existing = {
            f"{s.person_id}:{s.user.email}": s
            for s in Supporter.objects.filter(person__provider=organisation).select_related("user")
        }

    def values(self, cleaned: dict[str, Any]) -> tuple[Any, ...]:
        return (cleaned["name"], cleaned["relationship"])

    def current(
        self, reference: str, cleaned: dict[str, Any]
    ) -> tuple[Any, tuple[Any, ...]] | None:
        s = self.existing.get(reference)
        return None if s is None else (s, (s.user.display_name, s.relationship))

    def write(self, *, by: User | None, progress: Progress | None) -> None:
        total, done = len(self.new) + len(self.updates), 0
        for batch in _batches(self.new):
            users, seen_here = [], set()
            for c in batch:
                if c["email"] not in self.lookups.users and c["email"] not in seen_here:
                    seen_here.add(c["email"])
                    user = User(email=c["email"], display_name=c["name"])
                    user.set_unusable_password()
                    users.append(user)
            for user in User.objects.bulk_create(users, batch_size=BATCH):
                self.lookups.users[user.email] = _seen(user)
                self.new_accounts.append(user)
            bulk_create_with_history(
                [
                    Supporter(
                        person_id=c["person"],
                        user_id=self.lookups.users[c["email"]].pk,
                        relationship=c["relationship"],
                    )
                    for c in batch
                ],
                Supporter,
                batch_size=BATCH,
                default_user=by,
                default_change_reason=REASON,
            )
            done += len(batch)
            if progress:
                progress(done, total)
        for batch in _batches(self.updates):
            users, links = [], []
            for s, c in batch:
                if s.user.display_name != c["name"]:
                    s.user.display_name = c["name"]
                    users.append(s.user)
                s.relationship = c["relationship"]
                links.append(s)
            User.objects.bulk_update(users, ["display_name"], batch_size=BATCH)
            bulk_update_with_history(
                links,
                Supporter,
                ["relationship"],
                batch_size=BATCH,
                default_user=by,
                default_change_reason=REASON,
            )
            done += len(batch)
            if progress:
                progress(done, total)


def _seen(user: User) -> Any:
    from .records import UserSeen

    return UserSeen(
        pk=user.pk,
        name=user.display_name,
        is_active=user.is_active,
        staff_organisation_id=None,
        staff_reference=None,
        is_council_worker=False,
    )


WRITERS: dict[str, type[KindWriter]] = {
    "services": ServiceWriter,
    "staff": StaffWriter,
    "people": PersonWriter,
    "supporters": SupporterWriter,
}


def _header_of(form: type[RecordForm], key: str) -> str:
    for column in form.columns:
        if column.key == key:
            return column.header
    return key


def check_rows(
    *, organisation: Organisation, kind: str, rows: list[Row], progress: Progress | None = None
) -> Plan:
    """Check every row; the plan holds the counts, every problem, and (with no problems)
    the writes that bringing in will make. Nothing is written."""
    form_class = RECORD_FORMS[kind]
    lookups = Lookups.for_organisation(organisation, emails=[r.data.get("email", "") for r in rows])
    writer = WRITERS[kind](organisation, lookups)
    plan = Plan(kind=kind, total_rows=len(rows))
    first_row: dict[str, int] = {}
    first_email: dict[str, int] = {}
    first_name: dict[str, tuple[Any, int]] = {}
    form = form_class.checker(lookups=lookups)
    for index, row in enumerate(rows, start=1):
        if not form.check(row.data):
            for key, errors in form.errors.items():
                where = _header_of(form_class, key) if key != "__all__" else "row"
                plan.problems += [f"Row {row.number}, {where}: {e}" for e in errors]
        else:
            cleaned = form.cleaned_data
            reference = form.reference()
            if reference in first_row:
                plan.problems.append(
                    _duplicate(form_class, row.number, first_row[reference], row.data)
                )
            elif kind == "staff" and cleaned["email"] in first_email:
                plan.problems.append(
                    f"Row {row.number}, email: '{cleaned['email']}' is also on row "
                    f"{first_email[cleaned['email']]}: each staff member needs their own email"
                )
            elif (
                kind == "supporters"
                and first_name.get(cleaned["email"], (cleaned["name"],))[0] != cleaned["name"]
            ):
                # One email is one account, with one name, whoever they support.
                name, number = first_name[cleaned["email"]]
                plan.problems.append(
                    f"Row {row.number}, name: '{cleaned['email']}' is '{name}' on row "
                    f"{number}: write their name the same way on every row"
                )
            else:
                first_row[reference] = row.number
                if kind == "staff":
                    first_email[cleaned["email"]] = row.number
                first_name.setdefault(cleaned.get("email", ""), (cleaned.get("name"), row.number))
                outcome = writer.classify(reference, cleaned)
                setattr(plan, outcome, getattr(plan, outcome) + 1)
        if progress and (index % BATCH == 0 or index == len(rows)):
            progress(index, len(rows))
    if not plan.problems:
        plan.writer = writer
    return plan


def _duplicate(form: type[RecordForm], number: int, first: int, data: dict[str, str]) -> str:
    if form.kind == "supporters":
        return (
            f"Row {number}, email: '{data.get('email', '')}' is already a supporter of "
            f"'{data.get('person', '')}' on row {first}: each supporter may be in the file once"
        )
    return (
        f"Row {number}, reference: '{data.get('reference', '')}' is also on row {first}: "
        "each reference may be in the file once"
    )


# --- Export: the records as rows of the same file, so a file round-trips -----------------


# As the person reads it in "who looked", for a file that holds part of their record.
EXPORT_PAGES = {
    "people": "Your details, in a file of records downloaded",
    "supporters": "Your supporters, in a file of records downloaded",
}


def export_rows(*, organisation: Organisation, kind: str) -> list[list[str]]:
    """The organisation's records of `kind`, as a file to bring in would hold them. In a
    request, each person whose details or supporters are in the file is in "who looked"."""
    form = RECORD_FORMS[kind]
    rows: list[list[str]] = [form.headers()]
    lookups = Lookups.for_organisation(organisation)
    refs = {pk: ref for ref, pk in lookups.service_ids.items()}
    if kind == "services":
        kinds = dict(Service.Kind.choices)
        for s in (
            Service.objects.filter(organisation=organisation)
            .exclude(reference="")
            .select_related("region")
            .order_by("reference")
        ):
            rows.append(
                [
                    s.reference,
                    s.name,
                    kinds[s.kind],
                    s.address_line_1,
                    s.address_line_2,
                    s.town,
                    s.postcode,
                    s.region.name,
                ]
            )
    elif kind == "staff":
        roles = dict(StaffMember.Role.choices)
        writer = StaffWriter(organisation, lookups)
        for m in sorted(writer.by_reference.values(), key=lambda m: m.reference):
            most, opted_out = writer.terms_of(m)
            rows.append(
                [
                    m.reference,
                    m.user.display_name,
                    m.user.email,
                    roles[m.role],
                    "; ".join(
                        sorted(refs[pk] for pk in writer.services.get(m.pk, ()) if pk in refs)
                    ),
                    "; ".join(
                        sorted(lookups.skill_names[pk] for pk in writer.skills.get(m.pk, ()))
                    ),
                    format_hours(m.contracted_hours),
                    format_hours(most),
                    yes_no(opted_out),
                    yes_no(not m.user.is_active),
                ]
            )
    elif kind == "people":
        people = list(
            Person.objects.filter(provider=organisation).exclude(reference="").order_by("reference")
        )
        # "Who looked": the file holds each person's details, so each one is logged.
        note_read([p.pk for p in people], page=EXPORT_PAGES["people"])
        for p in people:
            rows.append(
                [
                    p.reference,
                    p.full_name,
                    p.preferred_name,
                    format_date(p.date_of_birth),
                    refs.get(p.service_id, ""),
                    lookups.council_names.get(p.council_id, ""),
                    p.council_reference,
                    p.nhs_number,
                ]
            )
    else:
        references = {pk: ref for ref, pk in lookups.person_ids.items()}
        links = list(
            Supporter.objects.filter(person__provider=organisation)
            .select_related("user")
            .order_by("person__reference", "user__email")
        )
        note_read(sorted({link.person_id for link in links}), page=EXPORT_PAGES["supporters"])
        for link in links:
            rows.append(
                [
                    references[link.person_id],
                    link.user.display_name,
                    link.user.email,
                    link.relationship,
                ]
            )
    return rows


def template_rows(kind: str) -> list[list[str]]:
    """The template: the headings only. Examples are in the guide, so an example row is
    never brought in by mistake."""
    return [RECORD_FORMS[kind].headers()]


def guide_columns(kind: str) -> tuple[Column, ...]:
    return RECORD_FORMS[kind].columns
