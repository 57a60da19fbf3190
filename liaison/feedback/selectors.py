"""Reading feedback. The form's schemes and "you said, we did" are public; results are figures
under disclosure control for whoever sees a scheme's reports (the reporting scope), and the
people's own words are read only by the scheme's team leads and managers."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet

from liaison.accounts.models import User
from liaison.accounts.scope import scope_for
from liaison.core import clock
from liaison.core.errors import NotFound
from liaison.feedback.models import Action, FeedbackResponse, InvolvementGroup
from liaison.feedback.vocabulary import EASY_READ, Agree, Overall
from liaison.organisations.models import Role, Scheme, Site
from liaison.reporting.disclosure import (
    Level,
    Published,
    PublishedPercentage,
    PublishedTable,
    Suppressed,
    percentage,
    publish,
    publish_table,
)
from liaison.reporting.publication import as_text
from liaison.reporting.selectors import reporting_scope


def schemes_taking_feedback() -> list[Scheme]:
    """Every scheme live today, for the form's "which service" question."""
    return list(Scheme.objects.filter(go_live__lte=clock.today()).order_by("name"))


def scheme_for_feedback(code: object) -> Scheme:
    text = str(code or "")
    scheme = Scheme.objects.filter(code=text, go_live__lte=clock.today()).first() if text.isascii() else None
    if scheme is None:
        raise NotFound("No such service")
    return scheme


def site_for_feedback(scheme: Scheme, site_id: object) -> Site | None:
    """The place a link or QR code names, when it is one of the scheme's open sites; otherwise
    none (the answers still count for the scheme)."""
    text = str(site_id or "")
    if not (text.isascii() and text.isdigit() and len(text) < 10):
        return None
    return Site.objects.filter(pk=int(text), scheme=scheme, active=True).first()


def actions_shown(scheme: Scheme, *, limit: int = 5) -> list[Action]:
    """The scheme's latest "you said, we did", as the people giving feedback see them."""
    return list(Action.objects.filter(scheme=scheme, withdrawn_at__isnull=True)[:limit])


@dataclass(frozen=True)
class Results:
    """One area's feedback in a period, as it may be published."""

    label: str
    level: Level
    responses: Published
    positive: PublishedPercentage  # the Friends and Family Test's "percentage positive"
    negative: PublishedPercentage
    overall: PublishedTable[str]
    easy_read: dict[str, PublishedTable[str]]

    @property
    def positive_text(self) -> str:
        return _percent(self.positive)

    @property
    def negative_text(self) -> str:
        return _percent(self.negative)

    def answer_rows(self) -> list[tuple[str, str]]:
        """Each answer to the Friends and Family Test question with its figure, in the question's order."""
        return [(label, as_text(self.overall.rows[value])) for value, label in Overall.choices]

    def question_rows(self) -> list[tuple[str, list[str]]]:
        """Each easy-read question with its answers' figures, in the answers' order."""
        return [
            (EASY_READ[name], [as_text(table.rows[v]) for v in Agree.values]) for name, table in self.easy_read.items()
        ]


def _percent(figure: PublishedPercentage) -> str:
    return as_text(figure) if isinstance(figure, Suppressed) else f"{as_text(figure)}%"


def _results(label: str, level: Level, rows: QuerySet[FeedbackResponse]) -> Results:
    overall = Counter(dict(rows.values_list("overall").annotate(n=Count("id")).order_by()))
    easy = {
        name: Counter(dict(rows.exclude(**{name: ""}).values_list(name).annotate(n=Count("id")).order_by()))
        for name in EASY_READ
    }
    return _published(label, level, overall, easy)


def _published(label: str, level: Level, overall: Counter[str], easy: dict[str, Counter[str]]) -> Results:
    total = sum(overall.values())
    # NHS England's rule: positive and negative as shares of all responses, "don't know" included.
    positive = sum(overall[v] for v in Overall.positive())
    negative = sum(overall[v] for v in Overall.negative())
    return Results(
        label=label,
        level=level,
        responses=publish(total, level=level),
        positive=percentage(positive, total, level=level),
        negative=percentage(negative, total, level=level),
        overall=publish_table({v: overall[v] for v in Overall.values}, level=level),
        easy_read={name: publish_table({v: c[v] for v in Agree.values}, level=level) for name, c in easy.items()},
    )


def _in(start: date, end: date) -> Q:
    return Q(given_on__gte=start, given_on__lte=end)


def national_results(*, user: User, start: date, end: date) -> Results:
    """England's figures, for anyone who sees reports; every scheme's, one query per question."""
    if not reporting_scope(user).sees_anything:
        raise NotFound("No such results")
    return _results("England", Level.NATIONAL, FeedbackResponse.objects.filter(_in(start, end)))


def scheme_results(*, user: User, start: date, end: date) -> list[tuple[Scheme, Results]]:
    """Each scheme the user sees reports of, by name: counts by scheme in one query."""
    rscope = reporting_scope(user)
    schemes = Scheme.objects.filter(pk__in=rscope.scheme_ids).order_by("name")
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    rows = FeedbackResponse.objects.filter(_in(start, end), scheme_id__in=rscope.scheme_ids)
    for scheme_id, overall, n in rows.values_list("scheme_id", "overall").annotate(n=Count("id")).order_by():
        counts[scheme_id][overall] = n
    return [(s, _published(s.name, Level.SCHEME, counts[s.pk], {})) for s in schemes]


def scheme_get(*, user: User, code: object) -> Scheme:
    """A scheme whose feedback results the user may see; any other is not found alike."""
    text = str(code or "")
    scheme = Scheme.objects.filter(code=text).first() if text.isascii() else None
    if scheme is None or not reporting_scope(user).sees_scheme(scheme.pk):
        raise NotFound("No such service")
    return scheme


def one_scheme_results(*, scheme: Scheme, start: date, end: date) -> Results:
    rows = FeedbackResponse.objects.filter(_in(start, end), scheme=scheme)
    return _results(scheme.name, Level.SCHEME, rows)


def may_record(user: User, scheme_id: int | None) -> bool:
    """Who records "you said, we did" and involvement: a scheme's team leads and managers for
    it; the national programme's groups (no scheme) are the commissioners'."""
    scope = scope_for(user)
    return Role.COMMISSIONER in scope.roles if scheme_id is None else scope.oversees(scheme_id)


def reads_comments(user: User, scheme: Scheme) -> bool:
    """People's own words can name them or others: only the scheme's team leads and managers
    read them, to act on them; commissioners and analysts see the figures."""
    return scope_for(user).oversees(scheme.pk)


def comments(*, user: User, scheme: Scheme, start: date, end: date) -> QuerySet[FeedbackResponse]:
    if not reads_comments(user, scheme):
        raise NotFound("No such comments")
    return (
        FeedbackResponse.objects.filter(_in(start, end), scheme=scheme)
        .exclude(what_was_good="", what_could_be_better="")
        .select_related("site")
    )


def action_get(*, user: User, action_id: object) -> Action:
    """One of the schemes' "you said, we did" that the user may withdraw (they oversee it)."""
    text = str(action_id or "")
    action = (
        Action.objects.select_related("scheme").filter(pk=int(text)).first()
        if text.isascii() and text.isdigit() and len(text) < 19
        else None
    )
    if action is None or not scope_for(user).oversees(action.scheme_id):
        raise NotFound("No such action")
    return action


def actions_of(*, user: User, scheme: Scheme) -> QuerySet[Action]:
    """Every "you said, we did" of the scheme, withdrawn ones too (the scheme's staff see why)."""
    if not reporting_scope(user).sees_scheme(scheme.pk):
        raise NotFound("No such service")
    return Action.objects.filter(scheme=scheme).select_related("recorded_by")


def groups_seen(*, user: User) -> QuerySet[InvolvementGroup]:
    """The national programme's groups and those of the schemes the user sees reports of."""
    rscope = reporting_scope(user)
    if not rscope.sees_anything:
        raise NotFound("No such groups")
    return (
        InvolvementGroup.objects.filter(Q(scheme__isnull=True) | Q(scheme_id__in=rscope.scheme_ids))
        .select_related("scheme")
        .annotate(
            meeting_count=Count("meetings", distinct=True), decision_count=Count("meetings__decisions", distinct=True)
        )
    )


def group_get(*, user: User, group_id: object) -> InvolvementGroup:
    text = str(group_id or "")
    if not (text.isascii() and text.isdigit() and len(text) < 19):
        raise NotFound("No such group")
    group = groups_seen(user=user).filter(pk=int(text)).prefetch_related("meetings__decisions").first()
    if group is None:
        raise NotFound("No such group")
    return group
