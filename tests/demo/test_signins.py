import stat

import pytest
from django.core.management import call_command
from django.http import HttpRequest

from liaison.accounts.models import User
from liaison.accounts.scope import scope_for
from liaison.demo.signins import password_file
from liaison.organisations.models import Role

from .conftest import FAST_HASHERS, PASSWORD, TODAY


@pytest.mark.parametrize(
    ("username", "role"),
    [
        ("practitioner", Role.PRACTITIONER),
        ("teamlead", Role.TEAM_LEAD),
        ("commissioner", Role.COMMISSIONER),
        ("analyst", Role.NATIONAL_ANALYST),
        ("admin", Role.ADMINISTRATOR),
    ],
)
def test_each_demo_user_has_their_role_and_signs_in_with_the_demo_password(build_demo, client, username, role):
    build_demo()
    user = User.objects.get(username=username)
    assert scope_for(user).roles == {role}
    # Axes, which guards sign-in, needs the request Django's test login leaves out.
    assert client.login(request=HttpRequest(), username=username, password=PASSWORD)


def test_the_practitioner_works_in_merseyside_and_the_admin_can_use_the_django_admin(build_demo):
    build_demo()
    practitioner = User.objects.get(username="practitioner")
    assert {m.site.scheme.code for m in practitioner.memberships.all() if m.site} == {"MER"}
    admin = User.objects.get(username="admin")
    assert admin.is_staff and admin.is_superuser
    assert not User.objects.exclude(username="admin").filter(is_superuser=True).exists()


def test_staff_hold_every_role(build_demo):
    build_demo()
    roles = set(User.objects.values_list("memberships__role", flat=True))
    assert roles == set(Role.values)


def test_the_sign_ins_are_printed(build_demo):
    out = build_demo()
    for username in ("practitioner", "teamlead", "commissioner", "analyst", "admin"):
        assert username in out
    assert PASSWORD in out


def test_without_the_environment_variable_a_password_is_made_once_and_kept_private(
    db, settings, tmp_path, monkeypatch, capsys
):
    settings.DATA_DIR = tmp_path
    settings.PASSWORD_HASHERS = FAST_HASHERS
    monkeypatch.delenv("LIAISON_DEMO_PASSWORD", raising=False)
    call_command("demo", "--size", "5", "--today", TODAY, verbosity=0)
    password = password_file().read_text().strip()
    assert stat.S_IMODE(password_file().stat().st_mode) == 0o600
    assert User.objects.get(username="practitioner").check_password(password)
    call_command("demo", "--if-empty", verbosity=0)
    assert password_file().read_text().strip() == password
    assert capsys.readouterr().out.count(password) == 2


def test_every_demo_user_gets_an_authenticator_with_the_printed_key(build_demo):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from liaison.accounts.second_factor import secret_text

    printed = build_demo()
    devices = TOTPDevice.objects.filter(confirmed=True, user__username__in=["practitioner", "teamlead", "admin"])
    assert devices.count() == 3
    assert f"authenticator key is {secret_text(devices[0])}" in printed
    assert "liaison demo --code USERNAME" in printed


def test_demo_code_prints_the_code_the_authenticator_shows_now(build_demo):
    from io import StringIO

    from django_otp.plugins.otp_totp.models import TOTPDevice

    from liaison.accounts.second_factor import current_code

    build_demo()
    out = StringIO()
    call_command("demo", "--code", "practitioner", stdout=out)
    device = TOTPDevice.objects.get(user__username="practitioner")
    assert out.getvalue().strip() == current_code(device)


def test_demo_code_refuses_anyone_but_a_demo_account(build_demo):
    from django.core.management.base import CommandError

    build_demo()
    other = User.objects.exclude(username__in=["practitioner", "teamlead", "commissioner", "analyst", "admin"]).first()
    with pytest.raises(CommandError, match="not a demo account"):
        call_command("demo", "--code", other.username)
