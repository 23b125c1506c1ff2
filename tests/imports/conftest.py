from __future__ import annotations

from typing import Any

import pytest

from alongside.organisations.models import StaffMember
from tests.factories import CouncilFactory, ProviderFactory, StaffMemberFactory


@pytest.fixture
def provider(db: Any) -> Any:
    return ProviderFactory(name="Elm Support")


@pytest.fixture
def council(db: Any) -> Any:
    return CouncilFactory(name="Leeds City Council")


@pytest.fixture
def admin(provider: Any) -> Any:
    return StaffMemberFactory(organisation=provider, role=StaffMember.Role.ORG_ADMIN).user
