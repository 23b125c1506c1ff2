"""The four places where one app adds to a page or a file that another app owns, as typed
registries (ADR 0063).

- **Told once**: what is already known about a person, for pre-filling later forms
  (`alongside.people.selectors.told_once`). A provider returns a dict, merged in under its
  app's label.
- **Download parts**: the tables of a person's download (`alongside.people.downloads`).
- **Record links**: links on a person's record page, each shown only when the viewer passes
  its rule (`alongside.people.selectors.record_links`).
- **Home sections**: templates on a role's home page (`alongside.web.views`).

Each domain app registers its own in its `AppConfig.ready()`, with the `register_*`
functions here, so a reader (and mypy) can follow a hook from the page to the function.
Django runs `ready()` in the order of INSTALLED_APPS, so that is the order of every list.
Registering again under the same app label replaces what that app registered.

This module is on the lowest floor: it imports no app at run time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Protocol

if TYPE_CHECKING:
    from alongside.people.downloads import DownloadSection
    from alongside.people.models import Person

# The role homes (alongside/web/views.py), each with its own page.
Role = Literal["person", "supporter", "worker", "manager", "quality_lead", "council", "admin"]


class ToldOnce(Protocol):
    """What an app already knows about the person that the viewer may see."""

    def __call__(self, *, person: Person, viewer: Any) -> dict[str, Any]: ...


class DownloadParts(Protocol):
    """An app's tables for the person's download, each already limited by the policy."""

    def __call__(self, *, person: Person, viewer: Any) -> list[DownloadSection]: ...


@dataclass(frozen=True)
class RecordLink:
    """A link on the person's record page, shown when the viewer passes `rule`, asked of the
    person, or of `PersonPart(person, part)` when there is a part. `url_name` takes the
    person's id; "{name}" in `text` becomes the person's name."""

    rule: str
    part: str | None
    url_name: str
    text: str


@dataclass(frozen=True)
class HomeSections:
    """An app's templates for the role homes. `today` comes first on the page: what is the
    user's to do today (on a phone the rest is further down)."""

    sections: Mapping[Role, Sequence[str]]
    today: Mapping[Role, Sequence[str]]


_TOLD_ONCE: dict[str, ToldOnce] = {}
_DOWNLOAD_PARTS: dict[str, DownloadParts] = {}
_RECORD_LINKS: dict[str, tuple[RecordLink, ...]] = {}
_HOME_SECTIONS: dict[str, HomeSections] = {}


def register_told_once(app_label: str, provider: ToldOnce) -> None:
    _TOLD_ONCE[app_label] = provider


def register_download_parts(app_label: str, provider: DownloadParts) -> None:
    _DOWNLOAD_PARTS[app_label] = provider


def register_record_links(app_label: str, links: Sequence[RecordLink]) -> None:
    _RECORD_LINKS[app_label] = tuple(links)


def register_home_sections(
    app_label: str,
    sections: Mapping[Role, Sequence[str]],
    *,
    today: Mapping[Role, Sequence[str]] | None = None,
) -> None:
    _HOME_SECTIONS[app_label] = HomeSections(sections=sections, today=today or {})


def told_once_providers() -> dict[str, ToldOnce]:
    """Each app's told-once provider, by app label."""
    return dict(_TOLD_ONCE)


def download_parts_providers() -> dict[str, DownloadParts]:
    """Each app's download parts, by app label."""
    return dict(_DOWNLOAD_PARTS)


def record_links() -> list[RecordLink]:
    """Every app's record links, app by app."""
    return [link for links in _RECORD_LINKS.values() for link in links]


def home_sections(role: Role, *, today: bool = False) -> list[str]:
    """The templates every app adds to this role's home page (or to its "today" part)."""
    found: list[str] = []
    for registered in _HOME_SECTIONS.values():
        found += (registered.today if today else registered.sections).get(role, [])
    return found
