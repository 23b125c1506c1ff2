"""Demo sign-ins for trying Alongside out. Used only when settings.ALONGSIDE_DEMO is on."""

from __future__ import annotations

from dataclasses import dataclass

from .models import User


@dataclass(frozen=True)
class DemoRole:
    key: str
    label: str
    email: str
    what_you_can_do: str


DEMO_ROLES = [
    DemoRole(
        "person",
        "A person we support",
        "person@demo.alongside.example",
        "See your About me, your team and who has looked at your information.",
    ),
    DemoRole(
        "supporter",
        "A supporter",
        "supporter@demo.alongside.example",
        "Help the person you support, only where they have said so.",
    ),
    DemoRole(
        "support_worker",
        "A support worker",
        "worker@demo.alongside.example",
        "See the people you support.",
    ),
    DemoRole(
        "service_manager",
        "A service manager",
        "manager@demo.alongside.example",
        "See your services and the people there.",
    ),
    DemoRole(
        "quality_lead",
        "A quality lead",
        "quality@demo.alongside.example",
        "See every service in the organisation.",
    ),
    DemoRole(
        "council_worker",
        "A council worker",
        "council@demo.alongside.example",
        "See the people of your council.",
    ),
    DemoRole(
        "org_admin",
        "An organisation admin",
        "admin@demo.alongside.example",
        "Set up services, staff and people.",
    ),
]

DEMO_PASSWORD = "alongside-demo"  # noqa: S105 - printed on purpose, demo only


def demo_sign_ins() -> list[DemoRole]:
    """The demo roles whose users exist in this database."""
    existing = set(
        User.objects.filter(email__in=[r.email for r in DEMO_ROLES]).values_list("email", flat=True)
    )
    return [r for r in DEMO_ROLES if r.email in existing]
