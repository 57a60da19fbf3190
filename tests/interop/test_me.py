def test_it_describes_the_user_their_roles_schemes_and_sites(network, api_as):
    r = api_as(network.practitioner_a).get("/me")
    assert r.status_code == 200
    body = r.json()
    assert body["user"]["username"] == network.practitioner_a.username
    assert body["roles"] == ["practitioner"]
    assert body["schemes"] == [
        {
            "id": network.scheme_a.pk,
            "code": "A",
            "name": "Scheme A",
            "roles": ["practitioner"],
            "can_record": True,
        }
    ]
    assert {s["code"] for s in body["sites"]} == {network.custody_a.code, network.court_a.code}
    assert all(s["scheme"] == "A" and s["can_record"] for s in body["sites"])


def test_a_support_worker_sees_their_one_site_and_cannot_record(network, api_as):
    body = api_as(network.support_worker_a).get("/me").json()
    assert [s["code"] for s in body["sites"]] == [network.custody_a.code]
    assert body["schemes"][0]["can_record"] is False
    assert body["sites"][0]["can_record"] is False


def test_a_commissioner_has_a_scheme_but_no_sites(network, api_as):
    body = api_as(network.commissioner).get("/me").json()
    assert body["roles"] == ["commissioner"]
    assert body["sites"] == []
