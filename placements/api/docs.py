"""Examples and error responses for the OpenAPI description of the employer API."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, OpenApiResponse

from placements.api.errors import ConflictSerializer, DetailSerializer, ValidationErrorSerializer

VACANCY_REQUEST = OpenApiExample(
    "A welding job",
    request_only=True,
    value={
        "external_ref": "HR-2026-0042",
        "kind": "job",
        "title": "Welder SMAW 3G",
        "description": "Pengelasan pipa dan struktur baja di area pabrik.",
        "occupation": "7212",
        "required_skills": ["LAS-SMAW"],
        "preferred_skills": [],
        "openings": 5,
        "education_min": "smk",
        "region": "36.72.04",
        "wage_min": 5100000,
        "wage_max": 6500000,
        "employment_type": "pkwt",
        "opens_on": "2026-11-01",
        "closes_on": "2026-12-31",
    },
)
APPRENTICESHIP_REQUEST = OpenApiExample(
    "An apprenticeship",
    request_only=True,
    value={
        "kind": "apprenticeship",
        "title": "Magang operator forklift",
        "occupation": "8344",
        "required_skills": [],
        "openings": 4,
        "region": "36.72.03",
        "wage_min": 2500000,
        "wage_max": 2500000,
        "employment_type": "magang",
        "duration_months": 6,
        "closes_on": "2026-12-31",
    },
)
VACANCY_RESPONSE = OpenApiExample(
    "A vacancy",
    response_only=True,
    value={
        "id": 42,
        "company": {"id": 7, "name": "PT Baja Selat Sunda"},
        **VACANCY_REQUEST.value,
        "filled": 1,
        "duration_months": None,
        "age_min": None,
        "age_max": None,
        "age_reason": "",
        "sex": "any",
        "sex_reason": "",
        "experience_months": 12,
        "how_to_apply": "Lamaran ke rekrutmen@bajaselat.co.id",
        "status": "open",
        "rejection_reason": "",
        "close_reason": "",
        "closed_on": None,
        "created_at": "2026-11-01T08:00:00+07:00",
        "updated_at": "2026-11-02T10:15:00+07:00",
    },
)
REFERRAL_RESPONSE = OpenApiExample(
    "A referred candidate",
    response_only=True,
    value={
        "id": 311,
        "vacancy": 42,
        "status": "interview",
        "match_score": 87,
        "referred_at": "2026-11-03T09:30:00+07:00",
        "decided_at": "2026-11-05T14:00:00+07:00",
        "candidate": {
            "ref": "c-3f9a0c1d2e4b5a697887",
            "name": "Siti Nuraini",
            "sex": "P",
            "age": 23,
            "education": "smk",
            "region": "36.72.04",
            "skills": [{"code": "LAS-SMAW", "certified": True}],
            "trainings": [
                {
                    "programme": "Pengelasan SMAW",
                    "cohort": "Angkatan III 2026",
                    "completed_on": "2026-09-30",
                    "competent": True,
                }
            ],
            "contact": {"phone": "081234567890", "email": "siti@example.id"},
        },
        "placement": None,
        "apprenticeship": None,
    },
)
HIRE_REQUEST = OpenApiExample(
    "Hire",
    request_only=True,
    value={"decision": "hired", "start_date": "2026-12-01", "wage": 5400000, "note": ""},
)
PUBLISH_REQUEST = OpenApiExample("Publish", request_only=True, value={"decision": "publish"})
REJECT_REQUEST = OpenApiExample(
    "Reject",
    request_only=True,
    value={
        "decision": "reject",
        "reason": "Batas usia 25 tahun tanpa alasan pekerjaan; mohon diperbaiki.",
    },
)
INTERVIEW_REQUEST = OpenApiExample(
    "Invite to an interview", request_only=True, value={"decision": "interview"}
)

BAD_REQUEST = OpenApiResponse(
    ValidationErrorSerializer,
    description="Invalid input: each field with its messages (Indonesian by default, English "
    "with Accept-Language: en).",
    examples=[
        OpenApiExample(
            "Invalid",
            value={"wage_max": ["Upah maksimum tidak boleh di bawah upah minimum."]},
        )
    ],
)
NOT_FOUND = OpenApiResponse(
    DetailSerializer,
    description="Not found, outside the caller's scope, or a page beyond the last.",
)
FORBIDDEN = OpenApiResponse(DetailSerializer, description="The caller's role may not do this.")
CONFLICT = OpenApiResponse(
    ConflictSerializer,
    description="Clashes with what is recorded: `existing_id` names the other record.",
    examples=[
        OpenApiExample(
            "Duplicate external_ref",
            value={
                "detail": "Perusahaan ini sudah memiliki lowongan lain dengan external_ref "
                "HR-2026-0042.",
                "existing_id": 42,
            },
        )
    ],
)

UNAUTHORIZED = OpenApiResponse(DetailSerializer, description="No valid key or session.")
THROTTLED = OpenApiResponse(
    DetailSerializer, description="Too many requests with this key: retry after `Retry-After`."
)


def errors(*codes: int) -> dict[int, OpenApiResponse]:
    """The error responses an endpoint may give, plus 401 and 429 that all give."""
    known = {400: BAD_REQUEST, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT}
    return {401: UNAUTHORIZED, 429: THROTTLED, **{code: known[code] for code in codes}}
