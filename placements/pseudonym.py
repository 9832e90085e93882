"""The pseudonymous, stable id under which a company sees a referred person."""

from __future__ import annotations

from django.utils.crypto import salted_hmac


def candidate_ref(job_seeker_id: int) -> str:
    """HMAC-SHA256 of the job seeker's id under a key derived from SECRET_KEY.

    Stable across requests and vacancies (a company recognises a person it saw before),
    but reveals nothing and cannot be reversed or enumerated without the secret.
    """
    digest = salted_hmac(
        "vokasi.placements.candidate_ref", str(job_seeker_id), algorithm="sha256"
    ).hexdigest()
    return f"c-{digest[:20]}"
