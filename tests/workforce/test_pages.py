"""The workforce pages: a scheme's team leads and managers keep its records; commissioners see
FTE against need and never a name; other schemes' staff find nothing."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from liaison.workforce.models import PlanAssumption, StaffRecord, TrainingRecord
from liaison.workforce.planning import defaults
from tests.workforce.conftest import added


def _scheme_page(client: Client, who, code: str = "A"):
    client.force_login(who)
    return client.get(reverse("workforce:scheme", args=[code]))


def test_a_manager_sees_the_staff_the_training_needs_the_demand_and_every_assumption(client, network, manager_a):
    added(network.scheme_a, manager_a)
    page = _scheme_page(client, manager_a)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Morwenna Treloar" in body and "Training needs" in body and "Episodes by point of contact" in body
    for a in defaults().assumptions:
        assert a.label in body
    assert "Career and competency framework".lower() in body.lower()


def test_a_commissioner_sees_fte_against_need_and_no_names(client, network, manager_a):
    added(network.scheme_a, manager_a)
    page = _scheme_page(client, network.commissioner)
    body = page.content.decode()
    assert page.status_code == 200 and "FTE needed" in body
    assert "Treloar" not in body and "Training needs" not in body and "Episodes by point of contact" not in body
    programme = client.get(reverse("workforce:programme")).content.decode()
    assert "Scheme A" in programme and "1.00" in programme and "Treloar" not in programme
    # One practitioner in post against a need of two fixed posts and no demand: half of it.
    assert "FTE in post as a percentage of the planned need" in programme and "50%" in programme


def test_another_schemes_manager_finds_nothing(client, network, manager_a, manager_b):
    staff = added(network.scheme_a, manager_a)
    client.force_login(manager_b)
    urls = [reverse(f"workforce:{name}", args=["A"]) for name in ("scheme", "staff-new", "assumptions")]
    urls += [reverse(f"workforce:{name}", args=[staff.pk]) for name in ("staff", "training-new", "staff-leave")]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {}).status_code in (404, 405), url  # 405: the page takes no POST
    programme = client.get(reverse("workforce:programme")).content.decode()
    assert "Scheme B" in programme and "Scheme A" not in programme


def test_a_commissioner_may_not_add_staff_or_change_the_assumptions(client, network):
    client.force_login(network.commissioner)
    assert client.get(reverse("workforce:staff-new", args=["A"])).status_code == 403
    assert client.post(reverse("workforce:assumptions", args=["A"]), {"reason": "x"}).status_code == 403
    assert not PlanAssumption.objects.exists()


def test_practitioners_have_no_workforce_pages_or_link(client, network):
    client.force_login(network.practitioner_a)
    assert client.get(reverse("workforce:programme")).status_code == 403
    assert reverse("workforce:programme") not in client.get(reverse("pathway:worklist")).content.decode()
    client.force_login(network.commissioner)
    assert reverse("workforce:programme") in client.get(reverse("workforce:programme")).content.decode()


def _staff_form(**changes: str) -> dict[str, str]:
    form = {
        "given_name": "Tamsin", "family_name": "Penhaligon", "role": "", "profession": "social_worker",
        "registration_body": "swe", "registration_number": "SW999999", "registration_expires_0": "30",
        "registration_expires_1": "11", "registration_expires_2": "2027", "fte": "0.8", "team": "core",
        "lived_experience": "no", "started_on_0": "1", "started_on_1": "9", "started_on_2": "2025", "user": "",
    }  # fmt: skip
    form.update(changes)
    return form


def test_a_manager_adds_a_member_of_staff_and_records_their_training(client, network, manager_a):
    from liaison.workforce.career import current

    framework = current()
    client.force_login(manager_a)
    url = reverse("workforce:staff-new", args=["A"])
    assert client.get(url).status_code == 200
    refused = client.post(url, _staff_form(role=str(framework.roles.get(code="PR6").pk), fte="1.5"))
    assert refused.status_code == 200 and "There is a problem" in refused.content.decode()
    assert "FTE must be more than 0" in refused.content.decode()
    done = client.post(url, _staff_form(role=str(framework.roles.get(code="PR6").pk)))
    staff = StaffRecord.objects.get()
    assert done.status_code == 302 and done["Location"] == reverse("workforce:staff", args=[staff.pk])
    bls = framework.competencies.get(code="BLS")
    training = {"competency": str(bls.pk), "completed_on_0": "2", "completed_on_1": "3", "completed_on_2": "2026",
                "evidence": "Resuscitation council certificate"}  # fmt: skip
    recorded = client.post(reverse("workforce:training-new", args=[staff.pk]), training)
    assert recorded.status_code == 302
    record = TrainingRecord.objects.get()
    assert record.recorded_by == manager_a and str(record.expires_on) == "2027-03-02"
    assert (
        "Resuscitation council certificate" in client.get(reverse("workforce:staff", args=[staff.pk])).content.decode()
    )


def test_a_manager_changes_the_assumptions_and_the_page_says_who_and_why(client, network, manager_a):
    client.force_login(manager_a)
    url = reverse("workforce:assumptions", args=["A"])
    form = {a.key: f"{a.value}" for a in defaults().assumptions}
    assert client.post(url, {**form, "reason": ""}).status_code == 200
    bad = client.post(url, {**form, "productive_hours_per_fte": "lots", "reason": "Local audit"})
    assert "must be a number" in bad.content.decode()
    changed = client.post(url, {**form, "minutes.practitioner.assess": "120", "reason": "Local audit of 2025"})
    assert changed.status_code == 302
    assert PlanAssumption.objects.get().key == "minutes.practitioner.assess"
    body = client.get(reverse("workforce:scheme", args=["A"])).content.decode()
    assert "Local audit of 2025" in body


def test_leaving_ends_the_record_from_the_page(client, network, manager_a):
    staff = added(network.scheme_a, manager_a)
    client.force_login(manager_a)
    url = reverse("workforce:staff-leave", args=[staff.pk])
    done = client.post(url, {"ended_on_0": "28", "ended_on_1": "2", "ended_on_2": "2026", "reason": "Retired"})
    assert done.status_code == 302
    staff.refresh_from_db()
    assert not staff.in_post
    assert client.get(reverse("workforce:staff-change", args=[staff.pk])).status_code == 404


def test_a_manager_withdraws_a_training_record_from_the_page(client, network, manager_a, manager_b):
    from liaison.core import clock
    from liaison.workforce.actions import training_record

    staff = added(network.scheme_a, manager_a)
    record = training_record(staff=staff, competency=staff.role.competencies.get(code="IG"),
                             completed_on=clock.today(), evidence="Certificate", by=manager_a)  # fmt: skip
    url = reverse("workforce:training-withdraw", args=[record.pk])
    client.force_login(manager_b)
    assert client.get(url).status_code == 404
    client.force_login(manager_a)
    assert client.post(url, {"reason": ""}).status_code == 200
    assert client.post(url, {"reason": "Wrong course"}).status_code == 302
    page = client.get(reverse("workforce:staff", args=[staff.pk])).content.decode()
    assert "Withdrawn" in page and "Wrong course" in page
