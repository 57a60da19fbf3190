"""Subject-access export pages: a team lead or scheme manager gives the request's reference and
receives everything their schemes hold about the person, as a page, a PDF (from the same
template, so the two cannot differ) or JSON. Each is no-store: it is a whole health record."""

from __future__ import annotations

import json
from uuid import UUID

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_http_methods

from liaison.accounts.http import AuthenticatedHttpRequest
from liaison.core.errors import Invalid, PermissionDenied
from liaison.core.pages import page
from liaison.core.pdf import html_to_pdf
from liaison.people.selectors import person_get
from liaison.records.forms import SubjectAccessForm
from liaison.records.subject_access import may_export, subject_access_export


@page
@require_http_methods(["GET", "POST"])
def subject_access(request: AuthenticatedHttpRequest, person_id: UUID) -> HttpResponse:
    response = _subject_access(request, person_id)
    response["Cache-Control"] = "no-store"
    return response


def _subject_access(request: AuthenticatedHttpRequest, person_id: UUID) -> HttpResponse:
    person = person_get(user=request.user, person_id=person_id, what="subject access request page")
    if not may_export(user=request.user, person=person):
        raise PermissionDenied("Only a team lead or scheme manager of a scheme that holds this record can export it")
    form = SubjectAccessForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            export = subject_access_export(
                user=request.user, person_id=person_id, reference=form.cleaned_data["reference"]
            )
        except Invalid as e:
            form.refuse(e)
        else:
            if form.cleaned_data["format"] == "json":
                response = HttpResponse(
                    json.dumps(export.as_json(), indent=2, ensure_ascii=False), content_type="application/json"
                )
                response["Content-Disposition"] = f'attachment; filename="subject-access-{person.pk}.json"'
                return response
            if form.cleaned_data["format"] == "pdf":
                html = render_to_string("records/subject_access_pdf.html", {"export": export, "person": person})
                response = HttpResponse(
                    html_to_pdf(html, stylesheets=["records/export_pdf.css"]), content_type="application/pdf"
                )
                response["Content-Disposition"] = f'attachment; filename="subject-access-{person.pk}.pdf"'
                return response
            return render(request, "records/subject_access_export.html", {"export": export, "person": person})
    return render(request, "records/subject_access.html", {"form": form, "person": person})
