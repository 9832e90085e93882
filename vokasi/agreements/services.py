"""Every write to an agreement goes through these functions (keyword-only, atomic).

Who may write: admins, and officers whose labour office is a party (the agreement is
kept by that office). Trainers and employers read the agreements their organisation is
party to and never write. Linking a cohort, programme, vacancy or apprenticeship is done
by the services of the app that owns the record (``trainees``, ``placements``), with the
rule stated here once: ``party_check``.

This module is long (about 410 lines) because it is the service of one entity: an
agreement is written together with its parties, scope and targets in one transaction,
and the checks of those parts, who may write and the evaluations and document beside
them all read the same rules.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from vokasi.agreements.documents import checked_document
from vokasi.agreements.models import (
    Agreement,
    AgreementEvaluation,
    AgreementParty,
    AgreementScope,
    AgreementTarget,
    Kind,
    Measure,
    ScopeItem,
    Status,
)
from vokasi.errors import Conflict
from vokasi.models import Company, LabourOffice, TrainingProvider
from vokasi.roles import OFFICE, has_role, is_admin, is_officer, require_role

#: The largest target accepted (a Rupiah amount: a thousand trillion).
MAX_TARGET = 10**15


class DuplicateAgreementNumber(Conflict):
    """The office already keeps an agreement with this number (the API answers 409; a
    page shows it on the number)."""

    def __init__(self, existing: Agreement):
        super().__init__(
            _("%(office)s already keeps agreement number %(number)s.")
            % {"office": existing.office.name, "number": existing.number},
            existing.pk,
            field="number",
        )


@dataclass
class PartyInput:
    kind: str
    organisation_id: int | None = None
    name: str = ""
    other_kind: str = ""
    role: str = ""


@dataclass
class AgreementInput:
    kind: str
    number: str
    title: str
    signed_on: datetime.date
    valid_from: datetime.date
    valid_to: datetime.date
    parties: list[PartyInput]
    #: scope item -> {measure: target}; an item with no targets is ``{}``.
    scope: dict[str, dict[str, int]] = field(default_factory=dict)
    parent: Agreement | None = None


def can_write_agreements(user) -> bool:
    """The roles that may ever create or change an agreement."""
    return has_role(user, OFFICE)


def can_manage(user, agreement: Agreement) -> bool:
    if is_admin(user):
        return True
    return is_officer(user) and agreement.parties.filter(office_id=user.office_id).exists()


def require_manager(user, agreement: Agreement) -> None:
    """403 unless the user may change ``agreement`` (an officer of a party office, an admin)."""
    if not can_manage(user, agreement):
        raise PermissionDenied


def party_check(agreement: Agreement, *, provider_id=None, company_id=None) -> None:
    """A record linked to an agreement belongs to one of its parties (else 400)."""
    if provider_id is not None and not agreement.parties.filter(provider_id=provider_id).exists():
        raise ValidationError(
            {"agreement": _("The training provider is not a party to agreement %(number)s.")
             % {"number": agreement.number}}
        )  # fmt: skip
    if company_id is not None and not agreement.parties.filter(company_id=company_id).exists():
        raise ValidationError(
            {"agreement": _("The company is not a party to agreement %(number)s.")
             % {"number": agreement.number}}
        )  # fmt: skip


def agreement_link(
    record, agreement: Agreement | None, *, may_touch: Callable[[Agreement], None], **party
):
    """Link ``record`` (a cohort, programme, vacancy or apprenticeship, locked by the caller)
    to ``agreement``, or unlink it with ``None``. ``may_touch`` raises unless the actor may
    change both the new and the current agreement; the record's organisation (``party``:
    ``provider_id=`` or ``company_id=``) is a party to the new one (``party_check``)."""
    for touched in (agreement, record.agreement):
        if touched is not None:
            may_touch(touched)
    if agreement is not None:
        party_check(agreement, **party)
    if record.agreement_id == (agreement.pk if agreement is not None else None):
        return record  # sent again (a retry): nothing to change
    record.agreement = agreement
    record.save(update_fields=["agreement"])
    return record


def _check_fields(data: AgreementInput, instance: Agreement | None, add) -> None:
    """The agreement's own fields: kind, number, title, validity and the MoU it
    implements."""
    if data.kind not in Kind.values:
        add("kind", _("Choose MoU or PKS."))
    if not (data.number or "").strip():
        add("number", _("This field is required."))
    if not (data.title or "").strip():
        add("title", _("This field is required."))
    if data.valid_from and data.valid_to and data.valid_to < data.valid_from:
        add("valid_to", _("The agreement cannot end before it starts."))
    if data.parent is not None:
        if data.kind != Kind.PKS:
            add("parent", _("Only a PKS implements an MoU."))
        elif data.parent.kind != Kind.MOU:
            add("parent", _("A PKS implements an MoU, not another PKS."))
        elif instance is not None and data.parent.pk == instance.pk:
            add("parent", _("An agreement cannot implement itself."))


_PARTY_MODELS = {
    AgreementParty.Kind.OFFICE: LabourOffice,
    AgreementParty.Kind.PROVIDER: TrainingProvider,
    AgreementParty.Kind.COMPANY: Company,
}


def _party_row(party, add) -> tuple[AgreementParty, tuple] | None:
    """One named party as an unsaved row with the key that tells it apart; None (and a
    message) when it cannot be one."""
    if party.kind not in AgreementParty.Kind.values:
        add("parties", _("Unknown kind of party: %(kind)s.") % {"kind": party.kind})
        return None
    row = AgreementParty(kind=party.kind, role=(party.role or "").strip()[:120])
    if party.kind == AgreementParty.Kind.OTHER:
        name = (party.name or "").strip()
        if not name:
            add("parties", _("Name the other body."))
            return None
        if party.other_kind and party.other_kind not in AgreementParty.OtherKind.values:
            add("parties", _("Unknown kind of body: %(kind)s.") % {"kind": party.other_kind})
            return None
        row.other_name = name[:160]
        row.other_kind = party.other_kind or AgreementParty.OtherKind.OTHER
        return row, ("other", name.lower())
    organisation = _PARTY_MODELS[party.kind].objects.filter(pk=party.organisation_id).first()
    if organisation is None:
        label = AgreementParty.Kind(party.kind).label
        add("parties", _("No %(kind)s with id %(id)s.")
            % {"kind": label, "id": party.organisation_id})  # fmt: skip
        return None
    setattr(row, party.kind, organisation)
    return row, (party.kind, organisation.pk)


def _check_parties(data: AgreementInput, add) -> list[AgreementParty]:
    """The parties as unsaved rows, each named once, at least two of them."""
    parties = []
    seen = set()
    for party in data.parties:
        checked = _party_row(party, add)
        if checked is None:
            continue
        row, key = checked
        if key in seen:
            add("parties", _("%(name)s is named twice.") % {"name": row.name})
            continue
        seen.add(key)
        parties.append(row)
    if len(parties) < 2:
        add("parties", _("An agreement has at least two parties."))
    return parties


def _owning_office(
    actor, parties: list[AgreementParty], instance: Agreement | None, add
) -> LabourOffice | None:
    """The labour office that records the agreement: the officer's own, which must be a
    party; for an administrator the one already recording it or the first named."""
    offices = [p.office for p in parties if p.kind == AgreementParty.Kind.OFFICE]
    if not offices:
        add("parties", _("A labour office must be a party."))
    if is_officer(actor):
        if actor.office_id not in {o.pk for o in offices}:
            add("parties", _("Your labour office must be a party to the agreements you record."))
        return actor.office
    if offices:
        return instance.office if instance and instance.office in offices else offices[0]
    return None


def _check_scope(data: AgreementInput, add) -> None:
    """The scope items and their targets: known measures, whole numbers within bounds."""
    for item, targets in data.scope.items():
        if item not in ScopeItem.values:
            add("scope", _("Unknown scope item: %(item)s.") % {"item": item})
            continue
        for measure, target in (targets or {}).items():
            if measure not in Measure.values:
                add("scope", _("Unknown measure: %(measure)s.") % {"measure": measure})
            elif not isinstance(target, int) or isinstance(target, bool):
                add("scope", _("A target is a whole number."))
            elif target < 0:
                add("scope", _("A target cannot be negative."))
            elif target > MAX_TARGET:
                add("scope", _("A target of at most %(max)s.") % {"max": MAX_TARGET})


def _clean(actor, data: AgreementInput, *, instance: Agreement | None) -> tuple[LabourOffice, list]:
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    _check_fields(data, instance, add)
    parties = _check_parties(data, add)
    office = _owning_office(actor, parties, instance, add)
    _check_scope(data, add)
    if errors:
        raise ValidationError(errors)
    if office is not None:
        clash = Agreement.objects.filter(office=office, number=data.number.strip())
        if instance is not None:
            clash = clash.exclude(pk=instance.pk)
        existing = clash.select_related("office").first()
        if existing is not None:
            raise DuplicateAgreementNumber(existing)
    return office, parties


def _key(party: AgreementParty) -> tuple:
    return (party.kind, party.organisation_id, party.other_name.lower())


def _sync_parties(agreement: Agreement, parties: list[AgreementParty]) -> None:
    """Keep the rows of parties still named (internships point at them), drop the rest."""
    existing = {_key(p): p for p in agreement.parties.all()}
    wanted = {_key(p): p for p in parties}
    for key, row in existing.items():
        if key not in wanted:
            if row.students_sent.exists() or row.interns_hosted.exists():
                raise ValidationError(
                    {"parties": _("%(name)s sends or hosts interns and stays a party.")
                     % {"name": row.name}}
                )  # fmt: skip
            row.delete()
    for position, (key, party) in enumerate(wanted.items()):
        row = existing.get(key)
        if row is None:
            party.agreement = agreement
            row = party
        else:
            row.role, row.other_kind = party.role, party.other_kind
        row.position = position
        row.save()


def _write_scope(agreement: Agreement, scope: dict) -> None:
    agreement.scope_items.exclude(item__in=set(scope)).delete()
    for item, targets in scope.items():
        row, _created = AgreementScope.objects.get_or_create(agreement=agreement, item=item)
        row.targets.exclude(measure__in=set(targets or {})).delete()
        for measure, target in (targets or {}).items():
            AgreementTarget.objects.update_or_create(
                scope=row, measure=measure, defaults={"target": target}
            )


@transaction.atomic
def agreement_create(*, actor, data: AgreementInput, document=None) -> Agreement:
    require_role(actor, OFFICE)
    office, parties = _clean(actor, data, instance=None)
    agreement = Agreement(
        kind=data.kind,
        office=office,
        number=data.number.strip(),
        title=data.title.strip(),
        parent=data.parent,
        signed_on=data.signed_on,
        valid_from=data.valid_from,
        valid_to=data.valid_to,
        created_by=actor,
    )
    if document is not None:
        agreement.document = checked_document(document)
    try:
        with transaction.atomic():
            agreement.save()
    except IntegrityError:
        existing = Agreement.objects.filter(office=office, number=agreement.number).first()
        if existing is None:
            raise
        raise DuplicateAgreementNumber(existing) from None
    _sync_parties(agreement, parties)
    _write_scope(agreement, data.scope)
    return agreement


@transaction.atomic
def agreement_update(
    *, actor, agreement: Agreement, data: AgreementInput, document=None
) -> Agreement:
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    require_manager(actor, agreement)
    office, parties = _clean(actor, data, instance=agreement)
    agreement.kind = data.kind
    agreement.office = office
    agreement.number = data.number.strip()
    agreement.title = data.title.strip()
    agreement.parent = data.parent
    agreement.signed_on = data.signed_on
    agreement.valid_from = data.valid_from
    agreement.valid_to = data.valid_to
    if document is not None:
        agreement.document = checked_document(document)
    agreement.save()
    _sync_parties(agreement, parties)
    _write_scope(agreement, data.scope)
    return agreement


@transaction.atomic
def agreement_target_set(
    *, actor, agreement: Agreement, item: str, measure: str, target: int
) -> AgreementTarget:
    """Set one target; the scope item must already be in the agreement's scope."""
    require_manager(actor, agreement)
    if measure not in Measure.values:
        raise ValidationError(
            {"measure": _("Unknown measure: %(measure)s.") % {"measure": measure}}
        )
    if target < 0:
        raise ValidationError({"target": _("A target cannot be negative.")})
    if target > MAX_TARGET:
        raise ValidationError({"target": _("A target of at most %(max)s.") % {"max": MAX_TARGET}})
    scope = agreement.scope_items.filter(item=item).first()
    if scope is None:
        raise ValidationError(
            {"item": _("The agreement's scope has no %(item)s: add the item to its scope first.")
             % {"item": ScopeItem(item).label if item in ScopeItem.values else item}}
        )  # fmt: skip
    row, _created = AgreementTarget.objects.update_or_create(
        scope=scope, measure=measure, defaults={"target": target}
    )
    return row


@transaction.atomic
def agreement_evaluate(
    *, actor, agreement: Agreement, evaluated_on: datetime.date, status: str, note: str
) -> AgreementEvaluation:
    require_manager(actor, agreement)
    if status not in Status.values:
        raise ValidationError({"status": _("Choose a status.")})
    if not (note or "").strip():
        raise ValidationError({"note": _("This field is required.")})
    if evaluated_on < agreement.signed_on:
        raise ValidationError({"evaluated_on": _("An evaluation cannot precede the signing.")})
    return AgreementEvaluation.objects.create(
        agreement=agreement,
        evaluated_on=evaluated_on,
        status=status,
        note=note.strip(),
        recorded_by=actor,
    )


@transaction.atomic
def agreement_document_set(*, actor, agreement: Agreement, document) -> Agreement:
    """Keep ``document`` as the agreement's signed copy (a PDF within the upload limit,
    else TableError 415/413); it replaces the copy on file. Sending the same file again
    leaves the same content on file."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    require_manager(actor, agreement)
    agreement.document = checked_document(document)
    agreement.save(update_fields=["document", "updated_at"])
    return agreement
