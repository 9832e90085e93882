"""The vacancies endpoint (``/api/v1/vacancies/``): a company posts, changes and closes its
vacancies and reads the candidates referred to them; the office verifies a submitted one
or takes a published one down. The vacancy's shape (``VacancySerializer``) is beside it.

This module is long (about 530 lines) because the vacancy is the contract's largest shape:
its serializer states the rule of every field and the fast shape of the list, and the
view set has five actions on the same object; split apart, a field's rule would sit away
from the endpoint that documents it."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

from django.conf import settings
from django.db.models import F
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from placements.api import docs
from placements.api.companies import CompanyBriefSerializer
from placements.api.filters import VacancyFilter
from placements.api.referrals import ReferralSerializer, referrals_for
from placements.models import Referral, Vacancy, VacancySkill
from placements.services import (
    VacancyInput,
    vacancy_close,
    vacancy_create,
    vacancy_take_down,
    vacancy_update,
    vacancy_verify,
)
from placements.services.apprenticeships import DURATION_MESSAGE
from placements.services.vacancies import (
    COMPANY_CLOSE_REASONS,
    DECISION_REASON_MAX,
    OPENINGS_MAX,
    OPENINGS_MIN,
    REASON_MAX,
    VerifyDecision,
)
from vokasi.api.permissions import RolePermission
from vokasi.bounds import EXPERIENCE_MONTHS_MAX, VACANCY_AGE_MAX, VACANCY_AGE_MIN, WAGE_MAX
from vokasi.models import EducationLevel, Occupation, Region, Skill
from vokasi.roles import ALL_ROLES, COMPANY, OFFICE, OFFICE_AND_COMPANY


class SkillCodesField(serializers.ListField):
    """A list of skill codes in, the same out; validated in one query."""

    def __init__(self, **kwargs):
        kwargs.setdefault("child", serializers.CharField(max_length=20))
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 100)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        codes = list(dict.fromkeys(super().to_internal_value(data)))
        skills = {s.code: s for s in Skill.objects.filter(code__in=codes)}
        unknown = [c for c in codes if c not in skills]
        if unknown:
            raise serializers.ValidationError(
                _("Unknown skill codes: %(codes)s.") % {"codes": ", ".join(unknown)}
            )
        return tuple(skills[c] for c in codes)


class VacancySerializer(serializers.ModelSerializer):
    company = CompanyBriefSerializer(read_only=True)
    external_ref = serializers.CharField(
        max_length=64,
        required=False,
        allow_blank=True,
        help_text="The company's own reference; a retry with the same one never duplicates.",
    )
    kind = serializers.ChoiceField(choices=Vacancy.Kind.choices, default=Vacancy.Kind.JOB)
    title = serializers.CharField(max_length=160)
    description = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    occupation = serializers.SlugRelatedField(
        slug_field="code", queryset=Occupation.objects.all(), help_text="KBJI 2014 code"
    )
    required_skills = SkillCodesField(source="required_skill_codes")
    preferred_skills = SkillCodesField(source="preferred_skill_codes")
    openings = serializers.IntegerField(min_value=OPENINGS_MIN, max_value=OPENINGS_MAX)
    education_min = serializers.SlugRelatedField(
        slug_field="code",
        queryset=EducationLevel.objects.all(),
        required=False,
        allow_null=True,
        help_text="none, sd, smp, sma, smk, d1, d2, d3, d4, s1, s2, s3",
    )
    region = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Region.objects.filter(level=Region.Level.DISTRICT),
        help_text="kecamatan code of the workplace, e.g. 36.72.04",
    )
    wage_min = serializers.IntegerField(
        min_value=0, max_value=WAGE_MAX, required=False, allow_null=True
    )
    wage_max = serializers.IntegerField(
        min_value=0, max_value=WAGE_MAX, required=False, allow_null=True
    )
    duration_months = serializers.IntegerField(
        min_value=1,
        max_value=settings.VOKASI["APPRENTICESHIP_MAX_MONTHS"],
        required=False,
        allow_null=True,
        help_text="Apprenticeships only: 1-12 months.",
        error_messages={"min_value": DURATION_MESSAGE, "max_value": DURATION_MESSAGE},
    )
    opens_on = serializers.DateField(required=False, help_text="Default: today.")
    age_min = serializers.IntegerField(
        min_value=VACANCY_AGE_MIN,
        max_value=VACANCY_AGE_MAX,
        required=False,
        allow_null=True,
        help_text="Only where the job needs an age limit (Perpres 57/2023 Pasal 5).",
    )
    age_max = serializers.IntegerField(
        min_value=VACANCY_AGE_MIN, max_value=VACANCY_AGE_MAX, required=False, allow_null=True
    )
    age_reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=REASON_MAX,
        help_text="Extension: why the job needs the age limit (optional).",
    )
    sex = serializers.ChoiceField(
        choices=Vacancy.Sex.choices,
        required=False,
        help_text='"L", "P" or "any" (default); a limit needs `sex_reason`.',
    )
    sex_reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=REASON_MAX,
        help_text='Required when `sex` is not "any".',
    )
    experience_months = serializers.IntegerField(
        min_value=0, max_value=EXPERIENCE_MONTHS_MAX, required=False
    )
    how_to_apply = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=REASON_MAX,
        help_text="Extension: the company's own channel (an address, a site, an email).",
    )
    rejection_reason = serializers.CharField(
        read_only=True,
        help_text="Why the office rejected the vacancy or took it down; empty otherwise.",
    )
    close_reason = serializers.ChoiceField(
        choices=Vacancy.CloseReason.choices,
        allow_blank=True,
        read_only=True,
        help_text="Empty while the vacancy is open.",
    )

    class Meta:
        model = Vacancy
        fields = [
            "id",
            "company",
            "external_ref",
            "kind",
            "title",
            "description",
            "occupation",
            "required_skills",
            "preferred_skills",
            "openings",
            "filled",
            "education_min",
            "region",
            "wage_min",
            "wage_max",
            "employment_type",
            "duration_months",
            "opens_on",
            "closes_on",
            "age_min",
            "age_max",
            "age_reason",
            "sex",
            "sex_reason",
            "experience_months",
            "how_to_apply",
            "status",
            "rejection_reason",
            "close_reason",
            "closed_on",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "filled",
            "status",
            "rejection_reason",
            "close_reason",
            "closed_on",
            "created_at",
            "updated_at",
        ]

    def to_representation(self, vacancy) -> dict:
        """The shape the declared fields give, built directly (a test compares the two).

        The generic path looks up each of 32 attributes through its field: most of the
        time of a 1000-row page. A list passes plain rows with ``company_name`` and
        ``listed_skill_codes``; a single vacancy reads its company and skill rows.
        """
        codes = getattr(vacancy, "listed_skill_codes", None)
        if codes is None:
            codes = (vacancy.required_skill_codes, vacancy.preferred_skill_codes)
        company_name = getattr(vacancy, "company_name", None)
        if company_name is None:
            company_name = vacancy.company.name
        moment = self._moment
        return {
            "id": vacancy.id,
            "company": {"id": vacancy.company_id, "name": company_name},
            "external_ref": vacancy.external_ref,
            "kind": _choice(vacancy.kind),
            "title": vacancy.title,
            "description": vacancy.description,
            "occupation": vacancy.occupation_id,
            "required_skills": list(codes[0]),
            "preferred_skills": list(codes[1]),
            "openings": vacancy.openings,
            "filled": vacancy.filled,
            "education_min": vacancy.education_min_id,
            "region": vacancy.region_id,
            "wage_min": vacancy.wage_min,
            "wage_max": vacancy.wage_max,
            "employment_type": _choice(vacancy.employment_type),
            "duration_months": vacancy.duration_months,
            "opens_on": _date(vacancy.opens_on),
            "closes_on": _date(vacancy.closes_on),
            "age_min": vacancy.age_min,
            "age_max": vacancy.age_max,
            "age_reason": vacancy.age_reason,
            "sex": _choice(vacancy.sex),
            "sex_reason": vacancy.sex_reason,
            "experience_months": vacancy.experience_months,
            "how_to_apply": vacancy.how_to_apply,
            "status": _choice(vacancy.status),
            "rejection_reason": vacancy.rejection_reason,
            "close_reason": _choice(vacancy.close_reason),
            "closed_on": _date(vacancy.closed_on),
            "created_at": moment(vacancy.created_at),
            "updated_at": moment(vacancy.updated_at),
        }

    @cached_property
    def _timezone(self):
        return timezone.get_current_timezone()

    def _moment(self, value: datetime.datetime | None) -> str | None:
        """As DRF's DateTimeField writes it (ISO 8601, current time zone, "Z" for UTC)."""
        if value is None:
            return None
        text = value.astimezone(self._timezone).isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    def service_data(self) -> dict:
        """The validated data named as the services name it."""
        data = dict(self.validated_data)
        for ours, theirs in (
            ("required_skill_codes", "required_skills"),
            ("preferred_skill_codes", "preferred_skills"),
        ):
            if ours in data:
                data[theirs] = data.pop(ours)
        if self.instance is None:
            data.setdefault("opens_on", timezone.localdate())
        return data


def _date(value: datetime.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _choice(value: str) -> str:
    return str(value) if value else value


#: Why a company closes its vacancy (the schema's ``VacancyCloseRequestReasonEnum``).
COMPANY_CLOSE_CHOICES = [c for c in Vacancy.CloseReason.choices if c[0] in COMPANY_CLOSE_REASONS]


class VacancyCloseSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=COMPANY_CLOSE_CHOICES)


#: The office's decision on a submitted vacancy (its schema enum is named in settings).
VERIFY_DECISIONS = VerifyDecision.CHOICES


class VacancyVerifySerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=VERIFY_DECISIONS)
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=DECISION_REASON_MAX,
        help_text="Required to reject; shown to the company.",
    )


class VacancyTakeDownSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=DECISION_REASON_MAX, help_text="Shown to the company."
    )


LIST_COLUMNS = [f.attname for f in Vacancy._meta.concrete_fields]


def attach_skill_codes(vacancies) -> None:
    """Give each vacancy (or row) ``listed_skill_codes`` (required, preferred), in one
    query."""
    required: dict[int, list[str]] = {v.id: [] for v in vacancies}
    preferred: dict[int, list[str]] = {v.id: [] for v in vacancies}
    rows = VacancySkill.objects.filter(vacancy_id__in=list(required)).values_list(
        "vacancy_id", "skill_id", "required"
    )
    for vacancy_id, code, is_required in rows.order_by("skill_id"):
        (required if is_required else preferred)[vacancy_id].append(code)
    for vacancy in vacancies:
        vacancy.listed_skill_codes = (required[vacancy.id], preferred[vacancy.id])


@extend_schema(tags=["employers"])
@extend_schema_view(
    list=extend_schema(
        summary="List vacancies",
        description="Employers see their company's vacancies; officers, trainers and admins "
        "see all (demand). Newest opening first.",
        responses={200: VacancySerializer(many=True), **docs.errors(400, 403, 404)},
    ),
    retrieve=extend_schema(
        summary="Read a vacancy",
        responses={200: VacancySerializer, **docs.errors(403, 404)},
        examples=[docs.VACANCY_RESPONSE],
    ),
    create=extend_schema(
        summary="Post a vacancy",
        description="Company users only; the company is always the caller's. A retry with an "
        "`external_ref` the company already used answers 200 with the existing vacancy when "
        "the content is the same, 409 when it differs. A verified company's vacancy is `open` on "
        "receipt; any other company's is `submitted` until its labour office verifies it. "
        "Unknown fields (and read-only ones "
        "such as `company`, `filled`, `status`) are ignored.",
        responses={
            201: VacancySerializer,
            200: VacancySerializer,
            **docs.errors(400, 403, 409),
        },
        examples=[docs.VACANCY_REQUEST, docs.APPRENTICESHIP_REQUEST, docs.VACANCY_RESPONSE],
    ),
    partial_update=extend_schema(
        summary="Change a vacancy",
        description="Only the fields given change; the result must be a valid vacancy "
        "(openings not below those already hired). A closed vacancy cannot change; a "
        "`rejected` one, once changed, is `submitted` again.",
        responses={200: VacancySerializer, **docs.errors(400, 403, 404, 409)},
    ),
)
class VacancyViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = VacancySerializer
    filterset_class = VacancyFilter
    permission_classes = [RolePermission]
    read_roles = ALL_ROLES
    write_roles = COMPANY
    action_roles = {"referrals": OFFICE_AND_COMPANY, "verify": OFFICE, "take_down": OFFICE}
    http_method_names = ["get", "post", "patch", "head", "options"]
    lookup_value_regex = "[^/]+"  # any id reaches the view, which answers 404 in JSON

    def get_queryset(self):
        if self.action == "retrieve":
            return self._as_answered()
        return (
            Vacancy.objects.visible_to(self.request.user)
            .select_related("company", "occupation", "region", "education_min")
            .prefetch_related("skill_rows")
            .order_by("-opens_on", "-id")
        )

    def _as_answered(self):
        """The caller's vacancies as the serializer reads them: the company's name a
        column, not a company (nor an occupation, region and education level nobody
        reads) built per vacancy; the skills come from ``attach_skill_codes``. Half the
        time of reading one vacancy was building that wider query and its prefetch."""
        return Vacancy.objects.visible_to(self.request.user).annotate(
            company_name=F("company__name")
        )

    def retrieve(self, request, *args, **kwargs):
        # Two queries: the vacancy (404 outside the caller's scope) and its skills.
        vacancy = self.get_object()
        attach_skill_codes([vacancy])
        return Response(self.get_serializer(vacancy).data)

    def list(self, request, *args, **kwargs):
        # Three queries whatever the page size: the count, the page and the page's
        # skills. The page is read as plain rows (the company's name a column), not model
        # instances, and the skills in one query, not a prefetch that builds a manager
        # and a queryset per vacancy: together most of the time of a 1000-row page
        # (bench.api_vacancies). The serializer writes the same shape either way.
        queryset = self.filter_queryset(
            Vacancy.objects.visible_to(request.user).order_by("-opens_on", "-id")
        ).values(*LIST_COLUMNS, company_name=F("company__name"))
        page = [SimpleNamespace(**row) for row in self.paginate_queryset(queryset)]
        attach_skill_codes(page)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def _answer(self, vacancy: Vacancy, code: int = status.HTTP_200_OK) -> Response:
        fresh = self._as_answered().get(pk=vacancy.pk)
        attach_skill_codes([fresh])
        return Response(self.get_serializer(fresh).data, status=code)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        vacancy, created = vacancy_create(
            company=request.user.company,
            by=request.user,
            data=VacancyInput(**serializer.service_data()),
        )
        return self._answer(vacancy, status.HTTP_201_CREATED if created else status.HTTP_200_OK)

    def update(self, request, *args, **kwargs):
        vacancy = self.get_object()
        serializer = self.get_serializer(vacancy, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        vacancy = vacancy_update(
            vacancy=vacancy, by=request.user, changes=serializer.service_data()
        )
        return self._answer(vacancy)

    @extend_schema(
        summary="Close a vacancy",
        request=VacancyCloseSerializer,
        responses={200: VacancySerializer, **docs.errors(400, 403, 404)},
        description="Closing again with the same reason changes nothing.",
    )
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        vacancy = self.get_object()
        serializer = VacancyCloseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        vacancy = vacancy_close(
            vacancy=vacancy, by=request.user, reason=serializer.validated_data["reason"]
        )
        return self._answer(vacancy)

    def _in_register(self) -> Vacancy:
        """The vacancy in the URL, when the caller's office keeps its company on the
        register (admins: any); else 404 like any object outside the caller's scope."""
        vacancy = self.get_object()
        if not Vacancy.objects.in_register_of(self.request.user).filter(pk=vacancy.pk).exists():
            raise Http404
        return vacancy

    @extend_schema(
        summary="Verify a submitted vacancy",
        description="Officers of the labour office that keeps the company on its register, "
        "and admins. `publish` makes a submitted vacancy `open`; `reject` makes it "
        "`rejected` and needs a `reason`, which the company reads as `rejection_reason`. "
        "Deciding a vacancy that is not `submitted` (already decided, or a verified "
        "company's vacancy, open on receipt) answers 409.",
        request=VacancyVerifySerializer,
        responses={200: VacancySerializer, **docs.errors(400, 403, 404, 409)},
        examples=[docs.PUBLISH_REQUEST, docs.REJECT_REQUEST],
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def verify(self, request, pk=None):
        vacancy = self._in_register()
        serializer = VacancyVerifySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        vacancy = vacancy_verify(vacancy=vacancy, by=request.user, **serializer.validated_data)
        return self._answer(vacancy)

    @extend_schema(
        summary="Take down a published vacancy",
        description="Extension. Officers of the company's labour office, and admins: an "
        "`open` vacancy closes today with `close_reason` `taken_down`; the `reason` is kept "
        "as `rejection_reason` for the company. Any other status answers 409.",
        request=VacancyTakeDownSerializer,
        responses={200: VacancySerializer, **docs.errors(400, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"], url_path="take-down", filterset_class=None)
    def take_down(self, request, pk=None):
        vacancy = self._in_register()
        serializer = VacancyTakeDownSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        vacancy = vacancy_take_down(
            vacancy=vacancy, by=request.user, reason=serializer.validated_data["reason"]
        )
        return self._answer(vacancy)

    @extend_schema(
        summary="Candidates referred to a vacancy",
        description="Pseudonymous: a stable `ref`, never a NIK, an address or a birth date; "
        "`contact` only where the person consented. Officers see the people of their own "
        "labour office; trainers may not read candidates.",
        request=None,
        parameters=[
            OpenApiParameter(
                "status",
                str,
                enum=Referral.Status.values,
                description="Only referrals with this status.",
            ),
            OpenApiParameter("page", int),
            OpenApiParameter("page_size", int),
        ],
        responses={200: ReferralSerializer(many=True), **docs.errors(400, 403, 404)},
        examples=[docs.REFERRAL_RESPONSE],
        filters=False,
    )
    @action(detail=True, methods=["get"], filterset_class=None)
    def referrals(self, request, pk=None):
        vacancy = self.get_object()
        referrals = (
            referrals_for(request.user).filter(vacancy=vacancy).order_by("referred_at", "id")
        )
        wanted = request.query_params.get("status")
        if wanted:
            if wanted not in Referral.Status.values:
                raise ValidationError({"status": [_("Unknown status %(s)s.") % {"s": wanted}]})
            referrals = referrals.filter(status=wanted)
        page = self.paginate_queryset(referrals)
        return self.get_paginated_response(ReferralSerializer(page, many=True).data)
