"""People pages: find or identify a person, the person page, and break glass.

Every record is fetched through a selector that checks scope first (404 outside it), and every
write is one action; a rejected form re-renders with the NHS error summary and writes nothing.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from urllib.parse import urlencode
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from liaison.accounts.http import AuthenticatedHttpRequest
from liaison.accounts.models import User
from liaison.accounts.scope import scope_for
from liaison.audit.actions import break_glass as audit_break_glass
from liaison.core import clock
from liaison.core.errors import Conflict, Invalid, NotFound, PermissionDenied, StageNotAllowed, Throttled
from liaison.core.pages import page
from liaison.core.paging import page_asked, pagination
from liaison.organisations.models import Site
from liaison.organisations.selectors import sites_to_record_at
from liaison.pathway import registry
from liaison.pathway.actions import OpenEpisodeExists, episode_identify, episode_reenter, person_identify_new
from liaison.pathway.identification.forms import (
    BreakGlassForm,
    CorrectPersonForm,
    FindForm,
    IdentificationForm,
    IdentifyNewForm,
    prefill_from_search,
)
from liaison.pathway.models import Episode
from liaison.pathway.selectors import episode_get, episodes_of_person, open_episode_in_scheme
from liaison.people.actions import correcting_scheme_id, person_details_correct
from liaison.people.codes import age_on
from liaison.people.models import Person
from liaison.people.selectors import (
    SearchResults,
    person_access_log,
    person_corrections,
    person_get,
    person_known_elsewhere,
    person_search,
    visible_people,
)

# The query string keys that mean a search was asked for (the date comes as three boxes).
_SEARCH_KEYS = ("q", "date_of_birth_0", "date_of_birth_1", "date_of_birth_2")


def _staff(request: AuthenticatedHttpRequest) -> User:
    # The sign-in middleware guarantees a signed-in user on every page here.
    return request.user


def _sites(user: User) -> QuerySet[Site]:
    sites = sites_to_record_at(user)
    if not sites.exists():
        raise PermissionDenied("Your role cannot record identifications", code="role_not_allowed")
    return sites


@page
@require_GET
def find(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = _staff(request)
    searched = any(k in request.GET for k in _SEARCH_KEYS)
    form = FindForm(request.GET if searched else None)
    query, dob = "", None
    if searched and form.is_valid():
        query, dob = form.cleaned_data["q"], form.cleaned_data["date_of_birth"]
    # Called even with nothing to search, so roles that may not search get the 403 page at once.
    status = 200
    try:
        results = person_search(user=user, query=query, date_of_birth=dob)
    except (Invalid, Throttled) as e:
        # Too short a name, or too many name searches this hour: said beside the search box.
        form.add_error("q", e.errors.get("q", e.message) if isinstance(e, Invalid) else e.message)
        # A form error is a 200, as an empty search is; a limit reached is a 429.
        results, status = SearchResults(mine=[], elsewhere=[]), 429 if isinstance(e, Throttled) else 200
    # "Identify a new person" carries the search, so nothing is typed twice.
    identify_new_url = reverse("people:identify-new")
    if query or dob:
        identify_new_url += "?" + urlencode({"q": query, "dob": dob.isoformat() if dob else ""})
    return render(
        request,
        "people/find.html",
        {
            "form": form,
            "searched": searched and form.is_valid(),
            "results": results,
            "identify_new_url": identify_new_url,
            "can_record": bool(scope_for(user).recording_scheme_ids),
        },
        status=status,
    )


@page
@require_http_methods(["GET", "POST"])
def identify_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = _staff(request)
    sites = _sites(user)
    if request.method != "POST":
        initial = prefill_from_search(request.GET.get("q", ""), request.GET.get("dob", ""))
        form = IdentifyNewForm(initial=initial, sites=sites)
        return render(request, "people/identify_new.html", {"form": form})
    form = IdentifyNewForm(request.POST, sites=sites)
    if form.is_valid():
        # Seen before? Offer anyone the details may be before recording someone new, once.
        if not request.POST.get("not_seen_before"):
            offers = registry.seen_before(user, form.details())
            if offers:
                context = {"form": form, "offers": offers, "carried": _carried(request)}
                return render(request, "people/seen_before.html", context)
        try:
            episode = person_identify_new(
                by=user, details=form.details(), alert=form.alert(), occurred_at=form.cleaned_data.get("occurred_at")
            )
        except (Invalid, Conflict) as e:
            form.refuse(e)
        else:
            return redirect("pathway:episode", episode_id=episode.pk)
    return render(request, "people/identify_new.html", {"form": form})


def _carried(request: AuthenticatedHttpRequest) -> list[tuple[str, str]]:
    """The identification as posted, to post again from the "join that episode" page."""
    skip = {"csrfmiddlewaretoken", "join", "not_seen_before"}
    return [(k, v) for k, values in request.POST.lists() if k not in skip for v in values]


def _episode_to_join(user: User, person: Person, episode_id: str) -> Episode:
    episode = episode_get(user=user, episode_id=episode_id, what="join open episode")
    if episode.person_id != person.pk:
        raise NotFound("No such episode")
    return episode


@page
@require_http_methods(["GET", "POST"])
def identify_existing(request: AuthenticatedHttpRequest, person_id: UUID) -> HttpResponse:
    user = _staff(request)
    person = person_get(user=user, person_id=person_id, what="identify at my site")
    sites = _sites(user)
    form = IdentificationForm(request.POST if request.method == "POST" else None, sites=sites)
    context: dict[str, Any] = {"form": form, "person": person}
    if not form.is_valid():
        return render(request, "people/identify_existing.html", context)
    alert, at = form.alert(), form.cleaned_data.get("occurred_at")
    try:
        if request.POST.get("join"):
            # Joining: what the new alert says about the concerns becomes the re-entry's note.
            episode = _episode_to_join(user, person, request.POST["join"])
            joined = replace(alert, concerns_note="")
            episode_reenter(by=user, episode=episode, alert=joined, note=alert.concerns_note, occurred_at=at)
        else:
            episode = episode_identify(by=user, person=person, alert=alert, occurred_at=at)
    except OpenEpisodeExists:
        open_episode = open_episode_in_scheme(person=person, scheme=alert.site.scheme)
        if open_episode is None:  # closed in the meantime: identify again
            return redirect("people:identify-existing", person_id=person.pk)
        context.update(episode=open_episode, carried=_carried(request))
        return render(request, "people/open_episode.html", context)
    except (Invalid, Conflict, StageNotAllowed) as e:
        form.refuse(e)
        return render(request, "people/identify_existing.html", context)
    return redirect("pathway:episode", episode_id=episode.pk)


@page
@require_GET
def person(request: AuthenticatedHttpRequest, person_id: UUID) -> HttpResponse:
    user = _staff(request)
    found = person_get(user=user, person_id=person_id)
    if found.merged_into_id is not None:
        # A record folded into another: its episodes and names are there now.
        messages.info(request, f"That record was merged into this one: {found.full_name}")
        return redirect("people:person", person_id=found.merged_into_id)
    # The log has a page of its own, named in the query string apart from anything else here.
    try:
        log = person_access_log(user=user, person=found, page=page_asked(request.GET.get("looked")), per_page=25)
    except PermissionDenied:
        log = None
    today = timezone.localdate(clock.now())
    return render(
        request,
        "people/person.html",
        {
            "person": found,
            "age": age_on(found.date_of_birth, today),
            "aliases": list(found.aliases.all()),
            "local_identifiers": list(found.local_identifiers.select_related("scheme")),
            "episodes": list(episodes_of_person(user=user, person=found)),
            "access_log": None if log is None else log.entries,
            "looked": None if log is None else log.paging,
            "looked_pages": None if log is None else pagination(log.paging, {}, anchor="looked", key="looked"),
            "can_record": bool(scope_for(user).recording_scheme_ids),
            "can_correct": correcting_scheme_id(user, found) is not None,
            "corrections": person_corrections(person=found),
        },
    )


@page
@require_http_methods(["GET", "POST"])
def correct(request: AuthenticatedHttpRequest, person_id: UUID) -> HttpResponse:
    user = _staff(request)
    found = person_get(user=user, person_id=person_id, what="correct details")
    if found.merged_into_id is not None:
        messages.info(request, f"That record was merged into this one: correct {found.full_name}'s details here")
        return redirect("people:correct", person_id=found.merged_into_id)
    if correcting_scheme_id(user, found) is None:
        # Asked before the form is filled in, not after.
        raise PermissionDenied("You cannot correct this person's details", code="scheme_not_allowed")
    form = CorrectPersonForm(request.POST if request.method == "POST" else None, person=found)
    if form.is_valid():
        try:
            person_details_correct(
                by=user,
                person=found,
                details=form.details(),
                reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"] or None,
            )
        except Conflict as e:
            if e.code == "merged":
                # Merged while the form was open: the details live on the kept record now.
                kept = Person.objects.filter(pk=found.pk).values_list("merged_into", flat=True).first()
                messages.warning(request, "This record was merged into another while you were editing: correct it here")
                return redirect("people:correct", person_id=kept or found.pk)
            # Saving the stale values would undo the other correction: show the details as they are.
            messages.warning(request, f"{e.message}. These are the details now: make your correction again.")
            return redirect("people:correct", person_id=found.pk)
        except Invalid as e:
            form.refuse(e)
        else:
            messages.success(request, "Details corrected")
            return redirect("people:person", person_id=found.pk)
    context = {"form": form, "person": found, "aliases": [str(a) for a in found.aliases.all()]}
    return render(request, "people/correct.html", context)


@page
@require_http_methods(["GET", "POST"])
def break_glass(request: AuthenticatedHttpRequest, person_id: UUID) -> HttpResponse:
    user = _staff(request)
    if visible_people(user).filter(id=person_id).exists():
        return redirect("people:person", person_id=person_id)
    found, schemes = person_known_elsewhere(user=user, person_id=person_id)
    form = BreakGlassForm(request.POST if request.method == "POST" else None, schemes=schemes)
    if form.is_valid():
        chosen = form.chosen_schemes()
        try:
            # One reason opens each chosen scheme's record, or none of them.
            with transaction.atomic():
                for scheme in chosen:
                    audit_break_glass(user=user, person=found, scheme=scheme, reason=form.cleaned_data["reason"])
        except Invalid as e:
            form.refuse(e)
        else:
            names = ", ".join(s.name for s in chosen)
            messages.info(request, f"Your reason is recorded and shown to the team leads of {names}.")
            return redirect("people:person", person_id=found.pk)
    return render(
        request,
        "people/break_glass.html",
        {"form": form, "person": found, "schemes": schemes, "hours": settings.BREAK_GLASS_HOURS},
    )
