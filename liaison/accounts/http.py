"""The request a signed-in page or API call sees, typed, so views need no casts.

Every page not marked `login_not_required` has a signed-in staff user (Django's
`LoginRequiredMiddleware`), and every
API operation authenticates its token first, so `request.user` is a `User` (as healthchecks'
`AuthenticatedHttpRequest`).
"""

from __future__ import annotations

from django.http import HttpRequest

from liaison.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    user: User  # narrowed from User | AnonymousUser
