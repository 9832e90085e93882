"""A cohort's funding lines and its graduates' tracer statuses (API contract v1.1).

- ``funding`` on a cohort: ``[{source, sponsor, budget, spent, seats}]`` (whole Rupiah),
  read on ``GET /api/v1/cohorts/{id}/``, set as a whole by ``PATCH`` (the provider's
  trainers, admins), with ``agreement`` (an id, or null to unlink). ``commitment`` (a
  CSR commitment's id) and the read-only ``over_budget`` are additions.
- ``POST /api/v1/enrollments/{id}/tracer/`` ``{checked_on, status, sector}``; ``months_after``
  (3, 6 or 12) is an optional addition, derived from ``checked_on`` when left out.
  ``GET`` on the same address lists the trainee's statuses.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _lazy
from rest_framework import serializers

from trainees.models import CsrCommitment, FundingLine, FundingLineSource, GraduateStatus
from trainees.services.funding import LineInput
from trainees.services.tracer import StatusInput
from vokasi.bounds import MONEY_MAX
from vokasi.models import Agreement, Company, Sector


class FundingLineSerializer(serializers.Serializer):
    source = serializers.ChoiceField(choices=FundingLineSource.choices)
    sponsor = serializers.PrimaryKeyRelatedField(
        queryset=Company.objects.all(),
        required=False,
        allow_null=True,
        help_text="Company id; required for csr and company.",
    )
    commitment = serializers.PrimaryKeyRelatedField(
        queryset=CsrCommitment.objects.all(),
        required=False,
        allow_null=True,
        help_text="The CSR commitment this line draws on (an addition).",
    )
    budget = serializers.IntegerField(source="budgeted", min_value=0, max_value=MONEY_MAX)
    spent = serializers.IntegerField(min_value=0, max_value=MONEY_MAX, default=0)
    seats = serializers.IntegerField(min_value=0, max_value=40, default=0)
    over_budget = serializers.BooleanField(read_only=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["sponsor"].queryset = Company.objects.visible_to(request.user)
            self.fields["commitment"].queryset = CsrCommitment.objects.visible_to(request.user)

    def to_input(self, data: dict) -> LineInput:
        return LineInput(
            source=data["source"],
            sponsor=data.get("sponsor"),
            commitment=data.get("commitment"),
            budgeted=data["budgeted"],
            spent=data.get("spent", 0),
            seats=data.get("seats", 0),
        )


class CohortFundingSerializer(serializers.Serializer):
    """The PATCH body: the agreement the cohort is run under, every funding line, or both
    (a field left out is left as it is)."""

    agreement = serializers.PrimaryKeyRelatedField(
        queryset=Agreement.objects.none(),
        required=False,
        allow_null=True,
        help_text="An agreement the cohort's provider is party to, or null to unlink.",
        error_messages={
            "does_not_exist": _lazy("No agreement with id %(pk)s that you may read."),
        },
    )
    funding = FundingLineSerializer(many=True, max_length=20, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["agreement"].queryset = Agreement.objects.visible_to(request.user)

    def validate(self, attrs):
        if not attrs:
            raise serializers.ValidationError(
                _lazy("Send the cohort's agreement, its funding lines, or both.")
            )
        return attrs


def funding_of(cohort) -> list[dict]:
    lines = getattr(cohort, "prefetched_funding", None)
    if lines is None:
        lines = FundingLine.objects.filter(cohort=cohort).order_by("pk")
    return [
        {
            "source": line.source,
            "sponsor": line.sponsor_id,
            "commitment": line.commitment_id,
            "budget": line.budgeted,
            "spent": line.spent,
            "seats": line.seats,
            "over_budget": line.over_budget,
        }
        for line in lines
    ]


class TracerInputSerializer(serializers.Serializer):
    checked_on = serializers.DateField()
    status = serializers.ChoiceField(choices=GraduateStatus.Status.choices)
    sector = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Sector.objects.all(),
        required=False,
        allow_null=True,
        help_text="KBLI code; required for self_employed.",
    )
    months_after = serializers.ChoiceField(
        choices=GraduateStatus.MONTHS,
        required=False,
        help_text="3, 6 or 12 (an addition); derived from checked_on when left out.",
    )

    def to_input(self) -> StatusInput:
        data = self.validated_data
        return StatusInput(
            status=data["status"],
            checked_on=data["checked_on"],
            months_after=data.get("months_after"),
            sector=data.get("sector"),
        )


class GraduateStatusSerializer(serializers.ModelSerializer):
    sector = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = GraduateStatus
        fields = ["id", "enrollment", "months_after", "status", "sector", "checked_on"]
        read_only_fields = fields
