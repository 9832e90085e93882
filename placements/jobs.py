"""The placements app's long work, run by a worker: a company's big file of hires, checked
(the upload page's first step) or saved (its confirmation) with the same service as the
page, all or nothing.

The job speaks the uploader's language (its messages are stored as text, as the page
would have shown them). The company is the uploader's as it is when the job runs, taken
as the page takes it (``request.user.company`` of an employer), so a user may only ever
write the hires of the company it belongs to then; one no longer an employer (or
deactivated) saves nothing.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from placements.services.hire_import import hires_import
from vokasi.jobs.registry import Outcome, register
from vokasi.roles import COMPANY, has_role
from vokasi.tabular import TableError

KIND = "hires_import"


def run_hires_import(job, progress) -> Outcome:
    with translation.override(job.params.get("language") or settings.LANGUAGE_CODE):
        return _run(job, progress)


def _run(job, progress) -> Outcome:
    owner = job.owner
    if owner is None or not has_role(owner, COMPANY) or owner.company_id is None:
        return Outcome(message=_("Only a company's staff may report its hires; nothing was saved."))
    with job.file.open("rb") as file:
        try:
            result = hires_import(
                company=owner.company,
                by=owner,
                file=file,
                filename=job.filename,
                dry_run=job.params.get("dry_run", False),
                progress=progress,
            )
        except TableError as error:
            return Outcome(message=error.message, errors=[e.as_dict() for e in error.errors])
    body = result.as_dict()
    del body["updated"]  # a hire is never corrected by a file: the page counts none
    return Outcome(result=body if result.ok else None, errors=body["errors"])


def _back(job) -> str:
    """A saved file leads to the list of hires; a checked one (or one refused) to the
    upload page, which shows its outcome and, for a clean check, the button that saves."""
    if job.status == job.Status.DONE and not job.params.get("dry_run"):
        return reverse("placements:hire-list")
    return f"{reverse('placements:hire-upload')}?job={job.pk}"


def savable(job, company_id: int) -> bool:
    """Whether ``job`` is a check of ``company_id``'s file that passed and found hires to
    save: what the upload page offers to save, and all it accepts to."""
    return (
        job.status == job.Status.DONE
        and bool(job.params.get("dry_run"))
        and bool((job.result or {}).get("created"))
        and job.params.get("company") == company_id
    )


def _back_label(job) -> str:
    """A clean check with hires to save leads on to the button that saves them."""
    if savable(job, job.params.get("company")):
        return _("Review and save the hires")
    return ""


register(
    KIND, label=_l("Hire report upload"), run=run_hires_import, back=_back, back_label=_back_label
)
