"""The company register an office keeps (Perpres 57/2023): register, change, verify,
suspend, reinstate; and the contact details a company keeps current itself
(``company_update_contact``). The company's users (invited and deactivated by its
administrator or its office) are ``company_users``.

One set of rules (``company_problems``) checks what a page's form, the API and a file
import say about a company, so the three give the same message for the same fault. A NIB
already on any register is a ``Conflict`` naming the company that has it.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.exceptions import ValidationError as NumberError
from stdnum.id import npwp as npwp_number

from vokasi.errors import Conflict
from vokasi.models import Company, LabourOffice, Region, Role, Sector, User
from vokasi.roles import OFFICE, require_role

#: What an office records about a company (the API's writable fields).
REGISTER_FIELDS = (
    "name",
    "nib",
    "npwp",
    "sector",
    "region",
    "address",
    "workforce",
    "apindo_member_no",
    "contact_name",
    "contact_email",
    "contact_phone",
)
REQUIRED = ("name", "nib", "sector", "region", "workforce")
MAX_LENGTHS = {
    "name": 160,
    "address": 200,
    "apindo_member_no": 30,
    "contact_name": 120,
    "contact_phone": 30,
    "contact_email": 254,
}
WORKFORCE_MAX = 1_000_000
#: What a company changes about itself (the rest is the office's).
COMPANY_CONTACT_FIELDS = ("contact_name", "contact_phone", "contact_email", "website")
SEPARATORS = re.compile(r"[\s.\-/]")


class Reference:
    """The codes a company may name, read once (an import checks every row against them)."""

    def __init__(self) -> None:
        self.sectors = set(Sector.objects.values_list("code", flat=True))
        self.regions = set(
            Region.objects.filter(level=Region.Level.DISTRICT).values_list("code", flat=True)
        )

    def region_code(self, written: str) -> str:
        """A kecamatan code as people write it: "36.72.04" or "367204"."""
        written = written.strip()
        if written in self.regions:
            return written
        digits = re.sub(r"\D", "", written)
        if len(digits) == 6:
            dotted = f"{digits[:2]}.{digits[2:4]}.{digits[4:]}"
            if dotted in self.regions:
                return dotted
        return written


def normalise_nib(value) -> str:
    return SEPARATORS.sub("", str(value or ""))


def company_problems(
    data: dict, *, partial: bool = False, reference: Reference | None = None
) -> tuple[dict, dict[str, list[str]]]:
    """The fields of ``data`` checked and normalised: ``(clean, errors)``.

    ``data`` holds text or numbers as a form, a JSON body or a file row gives them
    (``sector`` and ``region`` as codes). ``partial``: only the fields given are checked
    (a PATCH). The clean values are ready for the model: NIB and NPWP as digits only,
    codes as the register writes them, ``apindo_member_no`` None when empty.
    """
    reference = reference or Reference()
    clean: dict = {}
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    for field in REGISTER_FIELDS:
        if field not in data:
            if not partial and field in REQUIRED:
                add(field, _("This field is required."))
            continue
        value = data[field]
        text = "" if value is None else str(value).strip()
        if field in REQUIRED and text == "":
            add(field, _("This field is required."))
            continue
        if field in MAX_LENGTHS and len(text) > MAX_LENGTHS[field]:
            add(field, _("At most %(n)d characters.") % {"n": MAX_LENGTHS[field]})
            continue
        value, problem = _field_value(field, text, reference)
        if problem is not None:
            add(field, problem)
            continue
        clean[field] = value
    return clean, errors


def _field_value(field: str, text: str, reference: Reference) -> tuple[object, str | None]:
    """``(value, None)``: a given field's text as the register writes it; ``(None,
    message)`` when the text breaks the field's rule."""
    if field == "nib":
        text = normalise_nib(text)
        if not re.fullmatch(r"[0-9]{13}", text):
            return None, _("The NIB has 13 digits.")
    elif field == "npwp" and text:
        try:
            text = npwp_number.validate(text)
        except NumberError:
            return None, _("Not a valid NPWP (15 or 16 digits, e.g. 01.300.066.6-091.000).")
    elif field == "sector" and text not in reference.sectors:
        return None, _("Unknown KBLI 2020 code: %(code)s.") % {"code": text}
    elif field == "region":
        text = reference.region_code(text)
        if text not in reference.regions:
            return None, _("Give the kecamatan code (e.g. 36.72.04).")
    elif field == "workforce":
        return _workforce_value(text)
    elif field == "contact_email" and text:
        try:
            validate_email(text)
        except ValidationError:
            return None, _("Not an email address.")
    elif field == "apindo_member_no" and text == "":
        return None, None
    return text, None


def _workforce_value(text: str) -> tuple[int | None, str | None]:
    """The number of workers as written ("1.250" or "1250"), within its bound."""
    try:
        number = int(text.replace(".", "").replace(",", "")) if text else None
    except ValueError:
        return None, _("Give the number of workers as a whole number.")
    if number is None or not 0 <= number <= WORKFORCE_MAX:
        return None, _("The number of workers must be between 0 and %(max)s.") % {
            "max": f"{WORKFORCE_MAX:,}".replace(",", ".")
        }
    return number, None


def _model_values(clean: dict) -> dict:
    values = dict(clean)
    if "sector" in values:
        values["sector_id"] = values.pop("sector")
    if "region" in values:
        values["region_id"] = values.pop("region")
    return values


def _check_unique(clean: dict, *, company: Company | None = None) -> None:
    others = Company.objects.exclude(pk=company.pk) if company else Company.objects.all()
    if "nib" in clean:
        existing = others.filter(nib=clean["nib"]).values_list("pk", "name").first()
        if existing:
            raise Conflict(
                _("NIB %(nib)s is already registered: %(name)s.")
                % {"nib": clean["nib"], "name": existing[1]},
                existing[0],
                field="nib",
            )
    apindo = clean.get("apindo_member_no")
    if apindo and others.filter(apindo_member_no=apindo).exists():
        raise ValidationError(
            {"apindo_member_no": _("Another company has this Apindo member number.")}
        )


def _office_for(by: User, office: LabourOffice | None) -> LabourOffice | None:
    """An officer registers for its own office; an admin names one (or none)."""
    if by.role == Role.OFFICER:
        return by.office
    return office


@transaction.atomic
def company_register(
    *, data: dict, by: User, office: LabourOffice | None = None, reference: Reference | None = None
) -> Company:
    """Put a company on the register, ``unverified``; raises ValidationError or Conflict."""
    require_role(by, OFFICE)
    clean, errors = company_problems(data, reference=reference)
    if errors:
        raise ValidationError(errors)
    _check_unique(clean)
    company = Company(
        **_model_values(clean),
        office=_office_for(by, office),
        status=Company.Status.UNVERIFIED,
        status_changed_at=timezone.now(),
        status_changed_by=by,
    )
    try:
        with transaction.atomic():
            company.save()
    except IntegrityError:
        _check_unique(clean)  # someone registered the same NIB meanwhile: name it
        raise
    return company


@transaction.atomic
def company_update(*, company: Company, changes: dict, by: User) -> Company:
    """Change what the register records; only the fields given."""
    require_role(by, OFFICE)
    clean, errors = company_problems(changes, partial=True)
    if errors:
        raise ValidationError(errors)
    _check_unique(clean, company=company)
    values = _model_values(clean)
    for name, value in values.items():
        setattr(company, name, value)
    if values:
        company.save(update_fields=[*values, "updated_at"])
    return company


def _set_status(company: Company, status: str, by: User, reason: str = "") -> Company:
    company.status = status
    company.status_changed_at = timezone.now()
    company.status_changed_by = by
    company.status_reason = reason
    fields = ["status", "status_changed_at", "status_changed_by", "status_reason", "updated_at"]
    if status == Company.Status.VERIFIED and company.verified_on is None:
        company.verified_on = timezone.localdate()
        fields.append("verified_on")
    company.save(update_fields=fields)
    return company


def _locked(company: Company) -> Company:
    return Company.objects.select_for_update().get(pk=company.pk)


@transaction.atomic
def company_verify(*, company: Company, by: User) -> Company:
    """An officer has checked the company's papers: its vacancies are published on
    receipt from now on. Verifying a verified company changes nothing."""
    require_role(by, OFFICE)
    company = _locked(company)
    if company.status == Company.Status.VERIFIED:
        return company
    if company.status == Company.Status.SUSPENDED:
        raise ValidationError(
            {"status": _("The company is suspended: reinstate it instead of verifying it.")}
        )
    return _set_status(company, Company.Status.VERIFIED, by)


@transaction.atomic
def company_suspend(*, company: Company, by: User, reason: str) -> Company:
    """Suspend a company (its new vacancies wait for the office's check); says why."""
    require_role(by, OFFICE)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the company is suspended.")})
    if len(reason) > 500:
        raise ValidationError({"reason": _("At most %(n)d characters.") % {"n": 500}})
    company = _locked(company)
    if company.status == Company.Status.SUSPENDED:
        raise ValidationError({"status": _("The company is already suspended.")})
    return _set_status(company, Company.Status.SUSPENDED, by, reason)


@transaction.atomic
def company_reinstate(*, company: Company, by: User) -> Company:
    """End a suspension: back to verified when it had been verified, else unverified."""
    require_role(by, OFFICE)
    company = _locked(company)
    if company.status != Company.Status.SUSPENDED:
        raise ValidationError({"status": _("Only a suspended company can be reinstated.")})
    status = Company.Status.VERIFIED if company.verified_on else Company.Status.UNVERIFIED
    return _set_status(company, status, by)


@transaction.atomic
def company_update_contact(*, company: Company, by: User | None, changes: dict) -> Company:
    """A company keeps its own contact details current; the rest is the office's."""
    unknown = set(changes) - set(COMPANY_CONTACT_FIELDS)
    if unknown:
        raise ValueError(f"not contact fields: {sorted(unknown)}")
    for name, value in changes.items():
        setattr(company, name, value)
    company.full_clean(exclude=[f.name for f in Company._meta.fields if f.name not in changes])
    company.save(update_fields=[*changes, "updated_at"])
    return company
