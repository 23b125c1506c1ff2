"""The addresses (systems) that name Alongside's codes and identifiers in FHIR.

UK Core names the NHS number's system; the rest are Alongside's own, under one base, so a
Bundle exported by one install is understood by any other.
"""

from __future__ import annotations

import uuid

NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number"
# FHIR's own code system for its versions: each exported Bundle is tagged with its version.
FHIR_VERSION_SYSTEM = "http://hl7.org/fhir/FHIR-version"
FHIR_VERSION = "4.3.0"  # R4B, read by R4 systems too for these resources
ACCEPTED_VERSIONS = ("4.0.1", "4.3.0")

BASE = "https://alongside.care/fhir"
PERSON_ID_SYSTEM = f"{BASE}/Id/person"
SUPPORTER_ID_SYSTEM = f"{BASE}/Id/supporter"
GOAL_ID_SYSTEM = f"{BASE}/Id/goal"
PLAN_VERSION_SYSTEM = f"{BASE}/Id/plan-version"
ABOUT_ME_QUESTIONNAIRE = f"{BASE}/Questionnaire/prsb-about-me"
CHECK_IN_QUESTIONNAIRE = f"{BASE}/Questionnaire/daily-check-in"
PLAN_PART_SYSTEM = f"{BASE}/CodeSystem/plan-part"
RECORD_PART_SYSTEM = f"{BASE}/CodeSystem/record-part"
AUDIENCE_SYSTEM = f"{BASE}/CodeSystem/audience"
BUNDLE_PROFILE = f"{BASE}/StructureDefinition/alongside-record"

GOAL_ACHIEVEMENT_SYSTEM = "http://terminology.hl7.org/CodeSystem/goal-achievement"
CONSENT_SCOPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/consentscope"
CONSENT_CATEGORY_SYSTEM = "http://loinc.org"
CONSENT_CATEGORY_CODE = "59284-0"  # "Patient Consent"

_NAMESPACE = uuid.UUID("6f1c5c2e-8d0a-4c59-9a53-6d3c1f1b7a10")


def resource_id(kind: str, pk: object) -> str:
    """A stable id for one record's resource: the same record gives the same id each time."""
    return str(uuid.uuid5(_NAMESPACE, f"{kind}:{pk}"))


def full_url(kind: str, pk: object) -> str:
    return f"urn:uuid:{resource_id(kind, pk)}"
