"""The GOV.UK task list: each task with a status worked out from the saved data.

https://design-system.service.gov.uk/components/task-list/
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class TaskStatus(str, Enum):
    NOT_STARTED = "Not started"
    IN_PROGRESS = "In progress"
    DONE = "Done"


@dataclass(frozen=True)
class Task:
    key: str
    name: str
    href: str
    status: TaskStatus
    hint: str = ""

    @property
    def is_done(self) -> bool:
        return self.status is TaskStatus.DONE

    @property
    def status_words(self) -> str:
        return self.status.value
