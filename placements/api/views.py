"""Thin API views: check the role, scope with ``visible_to``, call a service."""

from __future__ import annotations

from types import SimpleNamespace

from django.db.models import F, Prefetch
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from placements.api import docs, office
from placements.api.filters import ApprenticeshipFilter, PlacementFilter, VacancyFilter
from placements.api.serializers import (
    ApprenticeshipFinishSerializer,
    ApprenticeshipSerializer,
    CompanySerializer,
    DecisionSerializer,
    FollowUpSerializer,
    PlacementSerializer,
    ReferralSerializer,
    VacancyCloseSerializer,
    VacancySerializer,
    VacancyTakeDownSerializer,
    VacancyVerifySerializer,
)
from placements.models import Apprenticeship, Placement, Referral, Vacancy, VacancySkill
from placements.services import (
    VacancyInput,
    apprenticeship_finish,
    company_update_contact,
    placement_follow_up,
    referral_decide,
    vacancy_close,
    vacancy_create,
    vacancy_take_down,
    vacancy_update,
    vacancy_verify,
)
from trainees.models import Enrollment
from vokasi.api.permissions import RolePermission
from vokasi.models import Role
from vokasi.roles import ALL_ROLES, COMPANY, OFFICE, OFFICE_AND_COMPANY

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


def referrals_for(user):
    """Referrals the user may see, with everything the candidate shape needs."""
    return (
        Referral.objects.visible_to(user)
        .select_related("job_seeker", "placement", "apprenticeship")
        .prefetch_related(
            "job_seeker__skill_rows",
            Prefetch(
                "job_seeker__enrollments",
                queryset=Enrollment.objects.select_related("cohort__programme", "result")
                .prefetch_related("assessments")
                .order_by("cohort__start_date", "id"),
            ),
        )
    )


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
        return (
            Vacancy.objects.visible_to(self.request.user)
            .select_related("company", "occupation", "region", "education_min")
            .prefetch_related("skill_rows")
            .order_by("-opens_on", "-id")
        )

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
        fresh = self.get_queryset().get(pk=vacancy.pk)
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


@extend_schema(
    tags=["employers"],
    summary="Decide on a referred candidate",
    description="referred → interview → hired / rejected / no_show; a company may also decide "
    "straight from referred. hired, rejected and no_show are final. `hired` needs "
    "`start_date` (and `wage` on a job) and creates a placement (job) or a proposed "
    "apprenticeship (the labour office approves it). Hiring beyond the openings, on a "
    "closed vacancy, or an apprenticeship above the company's share of apprentices answers "
    "409.",
    request=DecisionSerializer,
    responses={200: ReferralSerializer, **docs.errors(400, 403, 404, 409)},
    examples=[docs.HIRE_REQUEST, docs.INTERVIEW_REQUEST],
)
class ReferralDecisionView(generics.GenericAPIView):
    permission_classes = [RolePermission]
    write_roles = COMPANY
    serializer_class = DecisionSerializer

    def get_queryset(self):
        return referrals_for(self.request.user)

    def post(self, request, pk: str):
        referral = self.get_object()
        serializer = DecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        referral_decide(referral=referral, by=request.user, **serializer.validated_data)
        fresh = self.get_queryset().get(pk=referral.pk)
        return Response(ReferralSerializer(fresh).data)


@extend_schema(tags=["employers"])
@extend_schema_view(
    list=extend_schema(
        summary="List placements",
        responses={200: PlacementSerializer(many=True), **docs.errors(400, 403, 404)},
    ),
    retrieve=extend_schema(
        summary="Read a placement", responses={200: PlacementSerializer, **docs.errors(403, 404)}
    ),
)
class PlacementViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PlacementSerializer
    filterset_class = PlacementFilter
    permission_classes = [RolePermission]
    read_roles = OFFICE_AND_COMPANY
    action_roles = {
        "follow_ups": frozenset({Role.EMPLOYER, Role.OFFICER}),
        "create": OFFICE,
    }
    lookup_value_regex = "[^/]+"

    @office.PLACEMENT_RECORD_SCHEMA
    def create(self, request):
        return office.record_placement(request)

    def get_queryset(self):
        return (
            Placement.objects.visible_to(self.request.user)
            .select_related("company", "job_seeker")
            .prefetch_related("follow_ups")
            .order_by("-start_date", "-id")
        )

    @extend_schema(
        summary="Record a follow-up",
        description="Is the person still employed? Not before the start date, not in the "
        "future; one per day (the same answer again returns the recorded one with 200).",
        request=FollowUpSerializer,
        responses={
            201: FollowUpSerializer,
            200: FollowUpSerializer,
            **docs.errors(400, 403, 404, 409),
        },
    )
    @action(detail=True, methods=["post"], url_path="follow-ups", filterset_class=None)
    def follow_ups(self, request, pk=None):
        placement = self.get_object()
        serializer = FollowUpSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        follow_up, created = placement_follow_up(
            placement=placement, by=request.user, **serializer.validated_data
        )
        return Response(
            FollowUpSerializer(follow_up).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


@extend_schema(tags=["employers"])
@extend_schema_view(
    list=extend_schema(
        summary="List apprenticeships",
        responses={200: ApprenticeshipSerializer(many=True), **docs.errors(400, 403, 404)},
    ),
    retrieve=extend_schema(
        summary="Read an apprenticeship",
        responses={200: ApprenticeshipSerializer, **docs.errors(403, 404)},
    ),
)
class ApprenticeshipViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ApprenticeshipSerializer
    filterset_class = ApprenticeshipFilter
    permission_classes = [RolePermission]
    read_roles = OFFICE_AND_COMPANY
    action_roles = {"finish": COMPANY}
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        return (
            Apprenticeship.objects.visible_to(self.request.user)
            .select_related("company", "job_seeker", "placement")
            .order_by("-start_date", "-id")
        )

    @extend_schema(
        summary="Finish an apprenticeship",
        description="completed or dropped, hired or not. `hired: true` creates a placement "
        "(source apprenticeship) starting the day after `finished_on`. Only an approved "
        "apprenticeship can finish (409 otherwise, and when it already ended).",
        request=ApprenticeshipFinishSerializer,
        responses={200: ApprenticeshipSerializer, **docs.errors(400, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def finish(self, request, pk=None):
        apprenticeship = self.get_object()
        serializer = ApprenticeshipFinishSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        apprenticeship_finish(
            apprenticeship=apprenticeship, by=request.user, **serializer.validated_data
        )
        fresh = self.get_queryset().get(pk=apprenticeship.pk)
        return Response(ApprenticeshipSerializer(fresh).data)


@extend_schema(tags=["employers"])
@extend_schema_view(
    get=extend_schema(
        summary="The caller's company", responses={200: CompanySerializer, **docs.errors(403)}
    ),
    patch=extend_schema(
        summary="Change the company's contact details",
        description="Only contact_name, contact_phone, contact_email and website are writable; "
        "other fields are ignored.",
        responses={200: CompanySerializer, **docs.errors(400, 403)},
    ),
)
class CompanyView(generics.GenericAPIView):
    permission_classes = [RolePermission]
    read_roles = COMPANY
    write_roles = COMPANY
    serializer_class = CompanySerializer

    def get(self, request):
        return Response(CompanySerializer(request.user.company).data)

    def patch(self, request):
        company = request.user.company
        serializer = CompanySerializer(company, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        company = company_update_contact(
            company=company, by=request.user, changes=dict(serializer.validated_data)
        )
        return Response(CompanySerializer(company).data)
