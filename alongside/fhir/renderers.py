from __future__ import annotations

import json
from typing import Any

from rest_framework.renderers import BaseRenderer


class FhirJsonRenderer(BaseRenderer):
    """FHIR's own JSON media type. A Bundle arrives already written by `fhir.resources`
    (text); anything else (an error) is written as plain JSON."""

    media_type = "application/fhir+json"
    format = "fhir"
    charset = "utf-8"

    def render(
        self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None
    ) -> bytes:
        if isinstance(data, str):
            return data.encode("utf-8")
        return json.dumps(data, ensure_ascii=False).encode("utf-8")
