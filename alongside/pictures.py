"""Pictures (OpenMoji colour emoji) that sit beside ideas in Alongside pages.

This module is the single source of truth for which pictures exist.
``frontend/build.mjs`` reads the ``PICTURES`` mapping below straight from this
file's text and copies each SVG from the ``openmoji`` npm package into
``alongside/static/dist/openmoji/<HEXCODE>.svg``. The build fails if a hexcode
has no matching SVG.

Keep the mapping in the simple form ``"idea-name": "HEXCODE",`` (one entry a
line, double quotes) so that the build script can read it.

Pictures are by OpenMoji - the open-source emoji and icon project.
License: CC BY-SA 4.0 (https://openmoji.org/).

No Django imports here: this module must stay importable on its own.
"""

from __future__ import annotations

PICTURES: dict[str, str] = {
    "home": "1F3E0",  # house
    "about-me": "1F9D1",  # person
    "my-team": "1F9D1-200D-1F91D-200D-1F9D1",  # people holding hands
    "today": "2600",  # sun
    "how-i-feel": "1F60A",  # smiling face with smiling eyes
    "calendar": "1F4C5",  # calendar
    "people": "1F465",  # busts in silhouette
    "services": "1F3E1",  # house with garden
    "quality": "1F50D",  # magnifying glass tilted left
    "council": "1F3DB",  # classical building
    "review": "1F4CB",  # clipboard
    "budget": "1F4B7",  # pound banknote
    "suggestion": "1F4A1",  # light bulb
    "sign-out": "1F6AA",  # door
    "sign-in": "1F511",  # key
    "easy-read": "1F4D6",  # open book
    "privacy": "1F512",  # locked
    "who-looked": "1F440",  # eyes
    "settings": "2699",  # gear
    "help": "1F64B",  # person raising hand
    "warning": "26A0",  # warning
    "done": "2705",  # check mark button
    "phone": "1F4F1",  # mobile phone
    "link": "1F517",  # link
    "shield": "1F6E1",  # shield
    "download": "2B07",  # down arrow
    "chart": "1F4CA",  # bar chart
    "meeting": "1F4AC",  # speech balloon
    "rota": "1F5D3",  # spiral calendar
    "worker": "1F9D1-200D-2695-FE0F",  # health worker
    "supporter": "1F91D",  # handshake
    "council-worker": "1F9D1-200D-1F4BC",  # office worker
    "manager": "1F4BC",  # briefcase
    "admin": "1F9F0",  # toolbox
    "thumbs-up": "1F44D",  # thumbs up
    "thumbs-down": "1F44E",  # thumbs down
    "change": "1F504",  # arrows in a circle
    "clock": "23F0",  # alarm clock
    "night": "1F319",  # crescent moon
    "question": "2753",  # question mark
    "face-good": "1F600",  # grinning face
    "face-ok": "1F610",  # neutral face
    "face-not-good": "1F641",  # slightly frowning face
    "face-not-seen": "1F648",  # see-no-evil monkey
    "photo": "1F4F7",  # camera
    "action": "1F4CC",  # pushpin
    "checker": "1F50E",  # magnifying glass tilted right
    "training": "1F393",  # graduation cap
    "map": "1F5FA",  # world map
    "trend": "1F4C8",  # chart increasing
    "go-with-me": "1F6B6",  # person walking
    "extra-time": "23F3",  # hourglass
    "quiet": "1F92B",  # shushing face
    "checklist": "1F4DD",  # memo
    "feeling-great": "1F601",  # beaming face with smiling eyes
    "feeling-good": "1F642",  # slightly smiling face
    "feeling-ok": "1F610",  # neutral face
    "feeling-low": "1F614",  # pensive face
    "feeling-bad": "1F622",  # crying face
}


def picture_path(name: str) -> str:
    """Return the static path of the picture for ``name``.

    Use it with Django's ``static()`` / ``{% static %}``, for example
    ``static(picture_path("home"))`` -> ``/static/dist/openmoji/1F3E0.svg``.

    Raises ``KeyError`` for an unknown name.
    """
    return f"dist/openmoji/{PICTURES[name]}.svg"
