import pytest


@pytest.mark.django_db
def test_the_api_docs_page_is_served_without_a_cdn(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    page = response.content.decode()
    assert "/api/v1/openapi.json" in page
    assert "cdn.jsdelivr" not in page and "unpkg.com" not in page
