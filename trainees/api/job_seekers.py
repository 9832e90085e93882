"""/api/v1/job-seekers/: registration at the labour office, per API.md.

This module is long (about 500 lines) because it is one endpoint of one entity: a single
ViewSet, registered once under ``job-seekers``, whose actions (register, correct, report
back, the bulk import with the OpenAPI description and examples the contract publishes,
the subject-access export and the anonymisation) share its queryset, scoping and
serializer; splitting the ViewSet would spread one route over several modules.
"""

from __future__ import annotations

import datetime
import logging
from types import SimpleNamespace

from django.db.models import Manager, OuterRef, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from trainees.models import JobSeeker, Sex, is_owning_officer
from trainees.selectors.job_seekers import attach_skill_codes, job_seekers_for_api
from trainees.selectors.personal_data import personal_data_json
from trainees.services.personal_data import (
    can_handle_personal_data,
    job_seeker_anonymise,
    may_ever_handle_personal_data,
)
from trainees.services.registration import (
    job_seeker_register,
    job_seeker_report_back,
    job_seeker_update,
)
from trainees.services.registration.importing import job_seekers_import, rows_to_csv
from vokasi.api.parsers import JSONParser
from vokasi.api.permissions import RolePermission
from vokasi.audit import AccessLoggedRetrieveMixin, record_access
from vokasi.jobs.api import accepted, respond_async
from vokasi.jobs.services import file_digest, job_submit
from vokasi.models import AccessLog, LabourOffice
from vokasi.personal import mask_nik
from vokasi.roles import OFFICE, TRAINING, is_officer
from vokasi.tabular import TableError


class SkillCodes(serializers.ListField):
    def get_attribute(self, instance):
        return skill_codes_of(instance)


def skill_codes_of(person: JobSeeker) -> list[str]:
    """The person's skill codes, sorted: those a list attached (``attach_skill_codes``,
    one query for the page), else the ``skill_rows`` the view prefetched."""
    codes = getattr(person, "listed_skill_codes", None)
    if codes is None:
        codes = sorted(row.skill_id for row in person.skill_rows.all())
    return list(codes)


class JobSeekerListSerializer(serializers.ListSerializer):
    """A page of people: their skill codes read in one query before the rows are written."""

    def to_representation(self, data):
        people = list(data.all() if isinstance(data, Manager) else data)
        attach_skill_codes(people)
        return [self.child.to_representation(person) for person in people]


class JobSeekerSerializer(serializers.ModelSerializer):
    """Input is only shaped here; every rule lives in the registration service."""

    # Room for a NIK typed in groups ("3672 0405 0397 4658"); trainees.nik normalises it.
    nik = serializers.CharField(max_length=40)
    sex = serializers.ChoiceField(choices=Sex.choices)
    # Empty while the registration is active; the schema must say so.
    end_reason = serializers.ChoiceField(
        choices=JobSeeker.EndReason.choices, allow_blank=True, read_only=True
    )
    region = serializers.CharField(source="region_id", max_length=13)
    education = serializers.CharField(source="education_id", max_length=8)
    occupation = serializers.CharField(
        source="occupation_id", max_length=4, required=False, allow_blank=True, allow_null=True
    )
    skills = SkillCodes(
        child=serializers.CharField(max_length=20),
        required=False,
        default=list,
        help_text="Skill codes the person declares; read back: every skill held.",
    )
    office = serializers.CharField(source="office.code", read_only=True)

    class Meta:
        model = JobSeeker
        list_serializer_class = JobSeekerListSerializer
        fields = [
            "id",
            "nik",
            "name",
            "birth_place",
            "birth_date",
            "sex",
            "marital_status",
            "religion",
            "address",
            "region",
            "phone",
            "email",
            "education",
            "major",
            "courses",
            "skills",
            "experience",
            "experience_years",
            "occupation",
            "disability",
            "consent_share_contact",
            "registration_number",
            "office",
            "registered_on",
            "expires_on",
            "last_reported_on",
            "next_report_due",
            "status",
            "end_reason",
            "ended_on",
        ]
        read_only_fields = [
            "id",
            "registration_number",
            "office",
            "registered_on",
            "expires_on",
            "last_reported_on",
            "next_report_due",
            "status",
            "end_reason",
            "ended_on",
        ]

    def to_representation(self, person: JobSeeker) -> dict:
        """The shape the declared fields give, written directly (a test compares the two).

        DRF's generic path builds the 30 fields for every request and looks each value
        up through its field (a Mapping check, a callable check, then the field's own
        conversion) for every person: most of the time of a 50-person page. The values
        here are model columns, so each is read and written as its field would write it:
        text as is, dates in ISO 8601, ``null`` for what is empty. ``person`` is a model
        instance, or a list's row (``LISTED_COLUMNS`` and ``office_code``).
        """
        # The whole NIK only where an officer of the owning office opens the record;
        # lists and everyone else get it masked (3672********0001).
        request = self.context.get("request")
        whole = self.context.get("whole_nik") and is_owning_officer(
            getattr(request, "user", None), person
        )
        return {
            "id": person.id,
            "nik": person.nik if whole else mask_nik(person.nik),
            "name": person.name,
            "birth_place": person.birth_place,
            "birth_date": _date(person.birth_date),
            "sex": person.sex,
            "marital_status": person.marital_status,
            "religion": person.religion,
            "address": person.address,
            "region": person.region_id,
            "phone": person.phone,
            "email": person.email,
            "education": person.education_id,
            "major": person.major,
            "courses": person.courses,
            "skills": skill_codes_of(person),
            "experience": person.experience,
            "experience_years": person.experience_years,
            "occupation": person.occupation_id,
            "disability": person.disability,
            "consent_share_contact": person.consent_share_contact,
            "registration_number": person.registration_number,
            "office": getattr(person, "office_code", None) or person.office.code,
            "registered_on": _date(person.registered_on),
            "expires_on": _date(person.expires_on),
            "last_reported_on": _date(person.last_reported_on),
            "next_report_due": _date(person.next_report_due),
            "status": person.status,
            "end_reason": person.end_reason,
            "ended_on": _date(person.ended_on),
        }

    def service_data(self) -> tuple[dict, list[str] | None]:
        data = dict(self.validated_data)
        skills = data.pop("skills", None)
        if "skills" not in self.initial_data:
            skills = None
        for source, name in (
            ("region_id", "region"),
            ("education_id", "education"),
            ("occupation_id", "occupation"),
        ):
            if source in data:
                data[name] = data.pop(source)
        return data, skills


#: The columns ``JobSeekerSerializer.to_representation`` reads, all a list fetches: each
#: declared field's column (``region`` → ``region_id``), and the office's id for its code.
LISTED_COLUMNS = [
    "office_id",
    *(
        JobSeeker._meta.get_field(name).attname
        for name in JobSeekerSerializer.Meta.fields
        if name not in ("skills", "office")  # a page's codes; the office's code, a subquery
    ),
]


def listed_rows(queryset: QuerySet[JobSeeker]) -> QuerySet:
    """The people of ``queryset`` as rows of ``LISTED_COLUMNS`` and ``office_code``.

    The office's code comes from a subquery, not a join: the paginator counts this
    queryset, and a join would make that count read the offices too."""
    code = LabourOffice.objects.filter(pk=OuterRef("office_id")).order_by().values("code")
    return queryset.values(*LISTED_COLUMNS, office_code=Subquery(code))


def _date(value: datetime.date | None) -> str | None:
    return value.isoformat() if value is not None else None


class ReportBackSerializer(serializers.Serializer):
    reported_on = serializers.DateField(required=False)
    note = serializers.CharField(max_length=250, required=False, allow_blank=True, default="")


class AnonymiseSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=200)


PERSONAL_DATA = inline_serializer(
    "JobSeekerPersonalData",
    {
        "generated_at": serializers.DateTimeField(),
        "person": serializers.DictField(),
        **{
            key: serializers.ListField(child=serializers.DictField())
            for key in (
                "history",
                "skills",
                "reports_back",
                "enrollments",
                "results",
                "assessments",
                "referrals",
                "decisions",
                "apprenticeships",
                "placements",
                "follow_ups",
            )
        },
    },
)

access_log = logging.getLogger("vokasi.personal_data")


CONFLICT = OpenApiResponse(
    response=inline_serializer(
        "DuplicateNik",
        {"detail": serializers.CharField(), "existing_id": serializers.IntegerField()},
    ),
    description="The NIK is already registered.",
    examples=[
        OpenApiExample(
            "duplicate",
            value={
                "detail": "NIK ini sudah terdaftar (AK/I 3672-2026-000001, Disnaker Kota Cilegon).",
                "existing_id": 17,
            },
        )
    ],
)


@extend_schema_field(
    {"oneOf": [{"type": "string"}, {"type": "number"}, {"type": "boolean"}], "nullable": True}
)
class CellField(serializers.Field):
    """One cell of a JSON row: text, a number, true/false or null; never a list or object."""

    default_error_messages = {
        "invalid": _("A cell must be text, a number, true/false or null."),
    }

    def to_internal_value(self, data):
        if isinstance(data, (str, int, float, bool)):
            return data
        self.fail("invalid")

    def to_representation(self, value):
        return value


class ImportRowsSerializer(serializers.Serializer):
    """The JSON form of an import: ``{"rows": [{column: cell, …}, …]}``."""

    rows = serializers.ListField(
        child=serializers.DictField(child=CellField(allow_null=True)),
        help_text="One object per person, keyed by the file's column names.",
    )


IMPORT_RESULT = inline_serializer(
    "JobSeekerImportResult",
    {
        "created": serializers.IntegerField(),
        "updated": serializers.IntegerField(),
        "unchanged": serializers.IntegerField(),
        "dry_run": serializers.BooleanField(),
        "errors": serializers.ListField(child=serializers.DictField()),
    },
)


class JobSeekerViewSet(
    AccessLoggedRetrieveMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = JobSeekerSerializer
    access_logged_model = JobSeeker
    permission_classes = [RolePermission]
    # Trainers read the people of their own cohorts; only the office writes.
    read_roles = TRAINING
    write_roles = OFFICE
    filterset_fields = ["status", "region", "education", "sex"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["whole_nik"] = self.action != "list"
        return context

    def get_queryset(self):
        return job_seekers_for_api(self.request.user, listing=self.action == "list")

    def paginate_queryset(self, queryset):
        """The list's page as plain rows of the columns the serializer writes.

        A model instance per person and per office (its state, its descriptors) and the
        decoding of the timestamps nobody lists were together a third of a 50-person
        page; a row has the model's attribute names, and ``office_code``."""
        page = super().paginate_queryset(listed_rows(queryset))
        return None if page is None else [SimpleNamespace(**row) for row in page]

    def _office(self, request) -> LabourOffice:
        user = request.user
        if is_officer(user):
            return user.office
        code = request.data.get("office") if hasattr(request.data, "get") else None
        office = LabourOffice.objects.filter(code=code).first() if code else None
        if office is None:
            raise DRFValidationError({"office": ["An administrator must name the office."]})
        return office

    @extend_schema(
        responses={201: JobSeekerSerializer, 400: OpenApiResponse(), 409: CONFLICT},
        examples=[
            OpenApiExample(
                "registration",
                request_only=True,
                value={
                    "nik": "3672046108990001",
                    "name": "Siti Aminah",
                    "birth_place": "Cilegon",
                    "birth_date": "1999-08-21",
                    "sex": "P",
                    "address": "Jl. Raya Anyer No. 5",
                    "region": "36.72.04",
                    "education": "smk",
                    "major": "Teknik Pengelasan",
                    "skills": ["LAS-SMAW"],
                    "consent_share_contact": True,
                },
            )
        ],
    )
    def create(self, request, *args, **kwargs):
        office = self._office(request)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data, skills = serializer.service_data()
        person = job_seeker_register(
            office=office, data=data, skills=skills or [], registered_by=request.user
        )
        person = self.get_queryset().get(pk=person.pk)
        return Response(self.get_serializer(person).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={200: JobSeekerSerializer, 400: OpenApiResponse(), 409: CONFLICT})
    def partial_update(self, request, *args, **kwargs):
        person = self.get_object()
        serializer = self.get_serializer(person, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data, skills = serializer.service_data()
        job_seeker_update(job_seeker=person, data=data, skills=skills, updated_by=request.user)
        return Response(self.get_serializer(self.get_queryset().get(pk=person.pk)).data)

    def update(self, request, *args, **kwargs):  # PUT is not offered; PATCH is.
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(
        request=ReportBackSerializer,
        responses={200: JobSeekerSerializer, 400: OpenApiResponse()},
        description="The 6-monthly report back (lapor): records it and moves next_report_due.",
    )
    @action(detail=True, methods=["post"])
    def report(self, request, pk=None):
        person = self.get_object()
        serializer = ReportBackSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        job_seeker_report_back(
            job_seeker=person,
            reported_on=serializer.validated_data.get("reported_on"),
            note=serializer.validated_data["note"],
            recorded_by=request.user,
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=person.pk)).data)

    @extend_schema(
        operation_id="job_seekers_import",
        request={
            "multipart/form-data": inline_serializer(
                "JobSeekerImportUpload", {"file": serializers.FileField()}
            ),
            "application/json": ImportRowsSerializer,
        },
        parameters=[
            OpenApiParameter(
                "dry_run", bool, description="Validate and report without saving anything."
            )
        ],
        responses={
            200: IMPORT_RESULT,
            201: IMPORT_RESULT,
            400: OpenApiResponse(
                response=OpenApiTypes.OBJECT,
                description=(
                    "Nothing saved: the row errors (the 200 shape with `errors`), a table "
                    "error (`detail` and `errors`) or field errors (`file`, `office`)."
                ),
            ),
            413: OpenApiResponse(description="File too large."),
            415: OpenApiResponse(description="Not an .xlsx or .csv file."),
        },
        description=(
            "Bulk registration from an .xlsx or .csv file (or JSON rows). Columns, with "
            "Indonesian aliases: nik (NIK), name (nama), birth_place (tempat lahir), "
            "birth_date (tanggal lahir), sex (jenis kelamin), address (alamat), region "
            "(kecamatan: code or name), education (pendidikan), and optionally "
            "marital_status, religion, phone (no hp), email, major (jurusan), courses, skills "
            "(keterampilan: codes separated by ; or ,), experience, occupation, disability, "
            "consent_share_contact (ya/tidak). All or nothing: any error answers 400 listing "
            "every error, nothing saved. A NIK already registered here with the same name "
            "and birth date counts as unchanged, so a re-import creates nothing."
        ),
        examples=[
            OpenApiExample(
                "errors",
                response_only=True,
                status_codes=["400"],
                value={
                    "created": 0,
                    "updated": 0,
                    "unchanged": 0,
                    "dry_run": False,
                    "errors": [
                        {
                            "row": 7,
                            "column": "NIK",
                            "value": "367204",
                            "message": "NIK harus 16 digit, bukan 6.",
                        }
                    ],
                },
            )
        ],
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        parser_classes=[MultiPartParser, FormParser, JSONParser],
    )
    def import_file(self, request):
        office = self._office(request)
        dry_run = request.query_params.get("dry_run", "").lower() in ("1", "true", "yes")
        upload = request.FILES.get("file")
        if upload is not None:
            source, filename = upload, upload.name
        elif hasattr(request.data, "keys") and "rows" not in request.data:
            raise DRFValidationError({"file": ["Send a file (multipart) or JSON rows."]})
        else:
            rows = ImportRowsSerializer(data=request.data)
            rows.is_valid(raise_exception=True)
            source, filename = rows_to_csv(rows.validated_data["rows"]), "rows.csv"
        if respond_async(request):
            job, _created = job_submit(
                owner=request.user,
                kind="job_seekers_import",
                params={"office": office.pk, "dry_run": dry_run},
                file=source,
                filename=filename,
                key=f"{office.pk}:{dry_run}:{file_digest(source)}",
            )
            return accepted(job)
        try:
            result = job_seekers_import(
                office=office,
                file=source,
                filename=filename,
                dry_run=dry_run,
                imported_by=request.user,
            )
        except TableError as error:
            return Response(
                {"detail": error.message, "errors": [e.as_dict() for e in error.errors]},
                status=error.status,
            )
        body = result.as_dict()
        if result.errors:
            return Response(body, status=status.HTTP_400_BAD_REQUEST)
        created = result.created and not dry_run
        return Response(body, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)

    def _own_person(self, request) -> JobSeeker:
        """Officer of the owning office or admin; another role 403, another office 404."""
        if not may_ever_handle_personal_data(request.user):
            raise PermissionDenied
        person = self.get_object()
        if not can_handle_personal_data(request.user, person):
            raise NotFound
        return person

    @extend_schema(
        operation_id="job_seekers_personal_data",
        responses={200: PERSONAL_DATA, 403: OpenApiResponse(), 404: OpenApiResponse()},
        description=(
            "Everything Vokasi holds about one person, for a subject-access request "
            "(UU 27/2022): the registration and AK/I card, its history, skills with their "
            "source, reports back, enrollments, results, competency assessments, referrals "
            "and the companies' decisions, apprenticeships, placements, follow-ups and the "
            "consent. Officers of the person's office and admins only; every export is "
            "logged."
        ),
    )
    @action(detail=True, methods=["get"], url_path="personal-data")
    def personal_data(self, request, pk=None):
        person = self._own_person(request)
        record_access(request, AccessLog.Action.EXPORT, person)
        access_log.info(
            "personal data export of job seeker %s (json) by user %s", person.pk, request.user.pk
        )
        return Response(personal_data_json(person))

    @extend_schema(
        operation_id="job_seekers_anonymise",
        request=AnonymiseSerializer,
        responses={200: JobSeekerSerializer, 400: OpenApiResponse(), 403: OpenApiResponse()},
        description=(
            "Erase what identifies the person (name, NIK, birth place and exact date, "
            "address, contact, notes) everywhere, keeping what the reports count. The "
            "registration must have ended. Cannot be undone."
        ),
    )
    @action(detail=True, methods=["post"])
    def anonymise(self, request, pk=None):
        person = self._own_person(request)
        serializer = AnonymiseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        job_seeker_anonymise(
            job_seeker=person, by=request.user, reason=serializer.validated_data["reason"]
        )
        access_log.info("job seeker %s anonymised by user %s", person.pk, request.user.pk)
        return Response(self.get_serializer(self.get_queryset().get(pk=person.pk)).data)
