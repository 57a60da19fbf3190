"""An administrator sets a site's hours in the admin: the inline's rows are saved whole, with one
`site:change` event in words."""

from __future__ import annotations

from liaison.organisations.models import OpeningPeriod, OrganisationEvent


def _management(prefix: str, total: int, initial: int = 0) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_the_admin_saves_a_sites_hours_with_their_change(client, network):
    site = network.custody_a
    client.force_login(network.admin)
    url = f"/admin/organisations/site/{site.pk}/change/"
    assert client.get(url).status_code == 200
    data = {
        "scheme": str(site.scheme_id), "code": site.code, "name": site.name, "kind": site.kind, "active": "on",
        **_management("response_targets", 0),
        **_management("opening_periods", 5),
    }  # fmt: skip
    for day in range(5):
        data |= {
            f"opening_periods-{day}-weekday": str(day),
            f"opening_periods-{day}-opens": "540",
            f"opening_periods-{day}-closes": "1020",
            f"opening_periods-{day}-site": str(site.pk),
        }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert OpeningPeriod.objects.filter(site=site).count() == 5
    site.refresh_from_db()
    assert site.operating_hours == "09:00 to 17:00, Monday to Friday"
    event = OrganisationEvent.objects.filter(subject="site", subject_id=site.pk).latest("id")
    assert event.data["changes"]["operating_hours"] == ["No hours recorded", "09:00 to 17:00, Monday to Friday"]
