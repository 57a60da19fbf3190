from liaison.accounts.models import User
from liaison.organisations.models import Scheme
from liaison.pathway.selectors import scheme_open_episodes, worklist


def test_the_practitioner_has_a_worklist_today_with_a_couple_of_breaches(build_demo):
    build_demo(size=20, today=None)
    rows = worklist(user=User.objects.get(username="practitioner")).rows
    assert len(rows) >= 5
    assert sum(r.breach for r in rows) >= 2
    assert any(r.waiting and not r.breach for r in rows)
    assert {r.episode.current_site.kind for r in rows} >= {"custody_suite", "magistrates_court"}


def test_the_team_lead_sees_the_schemes_open_episodes(build_demo):
    build_demo(size=20)
    merseyside = Scheme.objects.get(code="MER")
    assert scheme_open_episodes(user=User.objects.get(username="teamlead"), scheme_id=merseyside.pk).rows
