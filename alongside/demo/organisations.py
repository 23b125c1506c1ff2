"""The demo's organisations, staff, people we support and supporters, with realistic UK
names and places (Faker en_GB).

Small: 3 services, 12 people, 20 staff, 1 council and one demo user per role.
Large: adds a provider with 1,500 services, 5,000 people, 12,000 staff, 3,000 supporters
and 2 councils; its services, staff, people and supporters come in through the importer,
from generated CSV files (alongside/demo/files.py).
Both are deterministic for a given seed and safe to run twice.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from alongside.accounts.demo import DEMO_PASSWORD, DEMO_ROLES
from alongside.accounts.models import User
from alongside.imports.models import ImportRun
from alongside.imports.services import bring_in, check_upload
from alongside.organisations.models import (
    CouncilWorker,
    Organisation,
    Region,
    Service,
    Skill,
    StaffMember,
)
from alongside.people.models import AboutMeSection, Person, PlanVersion, Supporter
from alongside.people.sharing import Part, SupporterScope, supporter_audience

from .files import demo_files

if TYPE_CHECKING:
    from faker import Faker

SMALL_PROVIDER = "Brightwater Support (demo)"
SMALL_COUNCIL = "Riverside City Council (demo)"
LARGE_PROVIDER = "Northfield Living (large demo)"
LARGE_COUNCILS = ["Westmoor County Council (large demo)", "Eastbridge Borough Council (large demo)"]
SKILLS = ["Medication trained", "Driver", "First aid", "British Sign Language", "Epilepsy care"]
# A fixed authenticator key for demo staff, printed so a tester can add it to an app.
DEMO_TOTP_KEY = "3132333435363738393031323334353637383930"
WHAT_MATTERS = [
    "Seeing my sister on Sundays and going swimming.",
    "Cooking my own tea and choosing what I eat.",
    "My job at the café on Tuesdays.",
    "Going to the football with my friend Dev.",
    "Quiet mornings and my music before anyone talks to me.",
    "Looking after my cat, Biscuit.",
]
INTERESTS = [
    "cooking",
    "football",
    "gardening",
    "music",
    "art",
    "walking",
    "films",
    "swimming",
    "board games",
    "baking",
    "fishing",
    "dancing",
]
LANGUAGES = [
    "English",
    "English and Welsh",
    "English and Urdu",
    "English and Polish",
    "English and BSL",
    "English and Punjabi",
]
JOSIE_ABOUT_ME = {
    Part.WHAT_MATTERS: "Working together and helping each other.\nSeeing my mum on Saturdays.\n"
    "My job at the garden centre.",
    Part.IMPORTANT_FOR_ME: "I have epilepsy. My seizure plan is in the office.\n"
    "I need to eat regularly.",
    Part.HOW_TO_SUPPORT_ME: "Ask me first. Give me time to answer.\n"
    "Tell me what is happening today in the morning.",
    Part.COMMUNICATION: "I talk in short sentences.\nIf I go quiet and hold my ears, I am upset.",
    Part.IMPORTANT_PEOPLE: "My mum, Ann.\nMy friend Kyle.\nMy cat, Biscuit.",
    Part.ROUTINES: "Breakfast at 8.\nGarden centre on Tuesday and Thursday.\n"
    "Phone my mum every evening.",
    Part.GOOD_AND_BAD_DAYS: "A bad day looks like: I stay in my room and do not want to talk.\n"
    "What helps:\nQuiet time\nMy music\nA walk outside\nA cup of tea\n"
    "What does not help: lots of people asking me questions.",
    Part.LIKES: "Please do: knock before you come in.\nPlease don't: move my things.",
}
JOSIE_PLAN = {
    "my_goals": "I want to get a paid job at the garden centre.\n"
    "I want to cook my own tea twice a week.",
    "support_with": "Travel to work on the bus until I feel confident.\nShopping for food.",
    "how_i_like_support": "Let me try first. Help me if I ask.",
    "who_supports_me": "Sam and the team at Willow House. My mum.",
    "my_medicines": "Epilepsy tablets in the morning and evening.\n"
    "I take them myself with a reminder.",
    "risks": "I want to take the bus on my own. I carry my phone and my travel card.",
}
SERVICE_WORDS = ["House", "Court", "Lodge", "View", "Place"]
PRONOUNS = ["she/her", "he/him", "they/them", ""]


def _role(key: str) -> Any:
    return next(r for r in DEMO_ROLES if r.key == key)


def _demo_user(key: str, name: str, *, is_staff: bool = False) -> User:
    role = _role(key)
    user, created = User.objects.get_or_create(
        email=role.email, defaults={"display_name": name, "is_staff": is_staff}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def _totp(user: User) -> None:
    TOTPDevice.objects.get_or_create(
        user=user, name="Demo authenticator", defaults={"key": DEMO_TOTP_KEY, "confirmed": True}
    )


def _faker(seed: int) -> Faker:
    # Faker is a development requirement: imported only here, when demo data is made, so
    # production starts (and passes `check --deploy`) without it (ADR 0064).
    from faker import Faker

    fake = Faker("en_GB")
    fake.seed_instance(seed)
    return fake


def load_small(seed: int) -> None:
    """The small demo's provider, council, services, staff and people, and one demo user
    per role. Adds nothing if it is there already."""
    if Organisation.objects.filter(name=SMALL_PROVIDER).exists():
        return
    fake = _faker(seed)
    rng = random.Random(seed)
    skills = [Skill.objects.get_or_create(name=name)[0] for name in SKILLS]
    provider = Organisation.objects.create(name=SMALL_PROVIDER, kind=Organisation.Kind.PROVIDER)
    council = Organisation.objects.create(name=SMALL_COUNCIL, kind=Organisation.Kind.COUNCIL)
    north = Region.objects.create(organisation=provider, name="North")
    south = Region.objects.create(organisation=provider, name="South")
    services = [
        Service.objects.create(
            organisation=provider,
            region=region,
            name=name,
            address_line_1=fake.street_address(),
            town=fake.city(),
            postcode=fake.postcode(),
        )
        for name, region in [("Willow House", north), ("Elm Court", north), ("The Maples", south)]
    ]

    # One demo user per role.
    person_user = _demo_user("person", "Josie Parker")
    the_person = Person.objects.create(
        user=person_user,
        preferred_name="Josie",
        full_name="Josie Parker",
        pronouns="she/her",
        service=services[0],
        council=council,
    )
    supporter_user = _demo_user("supporter", "Ann Parker")
    ann = Supporter.objects.create(
        person=the_person,
        user=supporter_user,
        relationship="My mum",
        scopes=[SupporterScope.HELP_EDIT, SupporterScope.AGREE_PLAN, SupporterScope.DOWNLOAD],
    )
    # Josie shares most of About me and her plan with her mum, by name.
    for part in [*JOSIE_ABOUT_ME, Part.PLAN]:
        if part != Part.IMPORTANT_FOR_ME:
            the_person.sharing[part].append(supporter_audience(ann.pk))
    the_person.save()
    AboutMeSection.objects.bulk_create(
        [
            AboutMeSection(person=the_person, part=part, text=text, version=1)
            for part, text in JOSIE_ABOUT_ME.items()
        ]
    )
    PlanVersion.objects.create(
        person=the_person, number=1, status=PlanVersion.Status.CURRENT, **JOSIE_PLAN
    )
    worker = _demo_user("support_worker", "Sam Okafor")
    manager = _demo_user("service_manager", "Priya Shah")
    quality = _demo_user("quality_lead", "Kyle Morgan")
    council_user = _demo_user("council_worker", "Lyn Knights")
    admin = _demo_user("org_admin", "Mo Peberdy", is_staff=True)
    for user in (worker, manager, quality, council_user, admin):
        _totp(user)
    roles = {
        worker: (StaffMember.Role.SUPPORT_WORKER, services[:1]),
        manager: (StaffMember.Role.SERVICE_MANAGER, services[:2]),
        quality: (StaffMember.Role.QUALITY_LEAD, []),
        admin: (StaffMember.Role.ORG_ADMIN, []),
    }
    for user, (role, its_services) in roles.items():
        staff = StaffMember.objects.create(
            user=user, organisation=provider, role=role, about_me="I like walking and board games."
        )
        staff.services.set(its_services)
    CouncilWorker.objects.create(user=council_user, council=council)

    # 16 more staff (20 in all) and 11 more people (12 in all), spread over the services.
    for i in range(16):
        user = User.objects.create_user(
            f"staff{i + 1}@demo.alongside.example", display_name=fake.name()
        )
        role = StaffMember.Role.SERVICE_MANAGER if i == 0 else StaffMember.Role.SUPPORT_WORKER
        staff = StaffMember.objects.create(
            user=user,
            organisation=provider,
            role=role,
            contracted_hours=Decimal(rng.choice(["20", "30", "37.5"])),
            about_me=f"I enjoy {rng.choice(INTERESTS)} and {rng.choice(INTERESTS)}. "
            f"I speak {rng.choice(LANGUAGES)}.",
        )
        staff.services.set([services[2]] if i == 0 else [services[i % 3]])
        staff.skills.set(rng.sample(skills, k=rng.randint(0, 2)))
    for i in range(11):
        first, last = fake.first_name(), fake.last_name()
        someone = Person.objects.create(
            preferred_name=first,
            full_name=f"{first} {last}",
            pronouns=rng.choice(PRONOUNS),
            service=services[i % 3],
            council=council,
        )
        AboutMeSection.objects.create(
            person=someone, part=Part.WHAT_MATTERS, text=rng.choice(WHAT_MATTERS), version=1
        )


def load_large(seed: int, log: Callable[[str], None], *, fraction: float = 1.0) -> None:
    """The large demo's provider and councils, its records through the importer (shrunk to
    `fraction`), accounts for every other person, and council workers. Adds nothing if it
    is there already."""
    if Organisation.objects.filter(name=LARGE_PROVIDER).exists():
        log("The large demo is already loaded.")
        return
    fake = _faker(seed + 1)
    rng = random.Random(seed + 1)
    unusable = make_password(None)
    for name in SKILLS:
        Skill.objects.get_or_create(name=name)
    with transaction.atomic():
        provider = Organisation.objects.create(name=LARGE_PROVIDER, kind=Organisation.Kind.PROVIDER)
        councils = [
            Organisation.objects.create(name=n, kind=Organisation.Kind.COUNCIL)
            for n in LARGE_COUNCILS
        ]
        import_large_files(provider=provider, seed=seed, log=log, scale=fraction)
        large_people = Person.objects.filter(provider=provider).order_by("reference")
        # Every other person signs in themselves, as in the demo before the importer: the
        # benchmarks load the person's own pages as them.
        signing_in = list(large_people)[::2]
        accounts = User.objects.bulk_create(
            [
                User(
                    email=f"person{p.reference.lower()}@large.alongside.example",
                    display_name=p.preferred_name,
                    password=unusable,
                )
                for p in signing_in
            ],
            batch_size=1000,
        )
        for person, account in zip(signing_in, accounts, strict=True):
            person.user = account
        Person.objects.bulk_update(signing_in, ["user"], batch_size=1000)
        AboutMeSection.objects.bulk_create(
            [
                AboutMeSection(
                    person_id=pk, part=Part.WHAT_MATTERS, text=rng.choice(WHAT_MATTERS), version=1
                )
                for pk in large_people.values_list("pk", flat=True)
            ],
            batch_size=1000,
        )
        council_users = User.objects.bulk_create(
            [
                User(
                    email=f"council{i}@large.alongside.example",
                    display_name=fake.name(),
                    password=unusable,
                )
                for i in range(40)
            ]
        )
        CouncilWorker.objects.bulk_create(
            [CouncilWorker(user=u, council=councils[i % 2]) for i, u in enumerate(council_users)]
        )


def import_large_files(
    *, provider: Organisation, seed: int, log: Callable[[str], None], scale: float = 1.0
) -> list[ImportRun]:
    """The large demo's services, staff, people and supporters: generated CSV files,
    checked and brought in by the importer as the organisation admin would bring theirs.
    No invitations: the made-up accounts are never emailed."""
    runs = []
    files = demo_files(councils=LARGE_COUNCILS, skills=SKILLS, seed=seed, scale=scale)
    for kind, data in files.items():
        run = check_upload(
            organisation=provider, kind=kind, file_name=f"{kind}.csv", data=data, by=None
        )
        if run.problems:
            raise RuntimeError(f"The demo's {kind} file has problems: {run.problems[:3]}")
        run = bring_in(run=run, by=None, invite=False)
        if run.status != ImportRun.Status.DONE:
            raise RuntimeError(f"The demo's {kind} file was not brought in: {run.problems[:3]}")
        log(f"{run.total_rows:,} {kind}, through the importer")
        runs.append(run)
    return runs
