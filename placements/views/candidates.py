"""The company's candidates awaiting a decision, across its open vacancies (the home
page's task leads here; each row leads to the decision buttons on the vacancy's page)."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_GET

from placements.pseudonym import candidate_ref
from placements.selectors.pending import referrals_awaiting_decision
from vokasi.roles import COMPANY, role_required

#: At most this many rows; the vacancy pages hold the rest.
SHOWN = 200


@role_required(COMPANY)
@require_GET
def candidates_awaiting_decision(request):
    referrals = list(referrals_awaiting_decision(request.user)[:SHOWN])
    for referral in referrals:
        referral.ref = candidate_ref(referral.job_seeker_id)
    return render(
        request,
        "placements/candidates_awaiting_decision.html",
        {"referrals": referrals, "shown": SHOWN},
    )
