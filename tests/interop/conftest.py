from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from liaison.accounts.actions import api_token_create
from liaison.accounts.models import User


class Api:
    """A token-holding API client: `api.get("/people", q="x")`, `api.post("/episodes", {...})`."""

    def __init__(self, token: str | None) -> None:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.client = Client(headers=headers)

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(f"/api/v1{path}", params)

    def post(self, path: str, body: Any = None, *, raw: str | None = None) -> Any:
        data = raw if raw is not None else json.dumps(body if body is not None else {})
        return self.client.post(f"/api/v1{path}", data=data, content_type="application/json")


@pytest.fixture
def api_as(db: None) -> Callable[[User], Api]:
    def make(user: User) -> Api:
        return Api(api_token_create(user=user, name="tests")[1])

    return make
