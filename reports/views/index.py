"""The reports' index page: which reports the caller may read.

Each page reads the filters, asks a selector for a frame, and renders the frame as a table
(with a chart) or hands it to the exporter. Nothing here counts anything.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from reports.scope import reader_scope
from vokasi.roles import TRAINING, role_required


@role_required(TRAINING)
def index(request: HttpRequest) -> HttpResponse:
    scope = reader_scope(request)
    return render(request, "reports/index.html", {"scope": scope})
