"""What a search finds, kind by kind, for one user.

Each kind says where its rows come from for that user (the scoped queryset of its own pages),
how its words are indexed (the model's `full_text`, whose GIN index is in the model's Meta) and
where a hit links to. A search costs two queries per kind (a count and a page of hits with
their snippets), whatever the number of rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchRank
from django.db.models import (
    Case,
    Exists,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Concat
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from base.search import CONFIG, FullText, search_query
from egm.models import AdvisoryGroupMembership, Meeting
from guidebook.models import Chapter
from pilots.models import FocalPoint, Pilot
from pilots.rules import focal_point_can_view
from programme.models import Organisation, User
from programme.rules import programme_record_can_keep
from roadmaps.models import Roadmap, RoadmapVersion

# Where PostgreSQL marks the words found. Characters no record is written with, so the text
# around them is escaped as a whole and only these become <mark> tags.
_START, _STOP = "\u27e6", "\u27e7"
_HEADLINE_OPTIONS = {
    "start_sel": _START,
    "stop_sel": _STOP,
    "max_words": 28,
    "min_words": 10,
    "max_fragments": 2,
    "fragment_delimiter": " … ",
}
MAX_QUERY_LENGTH = 200


def highlighted(snippet: str) -> SafeString:
    """A headline from PostgreSQL as HTML: the record's text escaped, the words found marked."""
    text = escape(snippet or "")
    return mark_safe(text.replace(_START, "<mark>").replace(_STOP, "</mark>"))


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    rows: Callable[[User], QuerySet]
    full_text: FullText
    link: Callable[[object], str]
    context: Callable[[object], str] = lambda obj: ""
    # Where the snippet is cut from: the text fields (the title is the link already), or the
    # title where a kind has no text.
    snippet_fields: tuple[str, ...] = ()
    # A kind whose title is another record's (a version is "<its roadmap> v3") is found by
    # that record's words too: (the path to it, its model). Only through rows already scoped.
    found_through: tuple[str, type] | None = None

    @property
    def snippet_source(self) -> tuple[str, ...]:
        return self.snippet_fields or self.full_text.text or self.full_text.title


def _joined(fields: tuple[str, ...]):
    """The fields a snippet is cut from, one text (each field's words kept apart)."""
    if len(fields) == 1:
        return F(fields[0])
    parts = []
    for name in fields:
        parts += [F(name), Value(" · ")]
    return Concat(*parts[:-1], output_field=TextField())


# --- Where each kind's rows come from for a user ---------------------------------------------


def _roadmaps(user) -> QuerySet:
    return Roadmap.objects.visible_to(user).select_related("country", "owner")


def _versions(user) -> QuerySet:
    return RoadmapVersion.objects.visible_to(user).select_related("roadmap")


def _meetings(user) -> QuerySet:
    return Meeting.objects.visible_to(user).select_related("country")


def _chapters(user) -> QuerySet:
    return Chapter.objects.visible_to(user).select_related("edition")


def _organisations(user) -> QuerySet:
    """Every organisation for those who keep the directory (its page lists them all); for
    others, the organisations of the advisory group, whose page every signed-in user opens."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    rows = Organisation.objects.select_related("country")
    if programme_record_can_keep(user):
        return rows
    return rows.filter(
        Exists(AdvisoryGroupMembership.objects.filter(organisation=OuterRef("pk")))
    ).annotate(on_advisory_page=Value(True))


def _people(user) -> QuerySet:
    """People shown on a page this user may open: the advisory group's representatives (its
    page is open to every signed-in user) and, for those who may see who a country's focal
    points are, the current focal points (on their pilot's page)."""
    if not user.is_authenticated:
        return User.objects.none()
    representative = Exists(AdvisoryGroupMembership.objects.filter(representatives=OuterRef("pk")))
    shown = Q(representative)
    rows = User.objects.filter(is_active=True)
    if focal_point_can_view(user):
        # The focal point links of the person of the outer query (two levels out).
        current = FocalPoint.objects.current().filter(user=OuterRef(OuterRef("pk")))
        rows = rows.annotate(
            pilot_pk=Subquery(
                Pilot.objects.filter(country__in=current.values("country"))
                .order_by("pk")
                .values("pk")[:1]
            )
        )
        shown |= Q(pilot_pk__isnull=False)
    return (
        rows.annotate(is_representative=representative).filter(shown).select_related("organisation")
    )


def _person_link(person) -> str:
    pilot = getattr(person, "pilot_pk", None)
    if pilot and not person.is_representative:
        return reverse("pilots:pilot-detail", args=[pilot])
    return reverse("egm:advisory-group")


def _organisation_link(org) -> str:
    if getattr(org, "on_advisory_page", False):
        return reverse("egm:advisory-group")
    return reverse("programme:organisation-list") + "?" + urlencode({"q": org.name})


def _meeting_context(meeting) -> str:
    parts = [meeting.get_status_display()]
    if meeting.start_date:
        parts.append(date_format(meeting.start_date, "ABBR_DATE_FORMAT"))
    if meeting.city or meeting.country_id:
        parts.append(", ".join(x for x in [meeting.city, str(meeting.country or "")] if x))
    return " · ".join(parts)


KINDS: tuple[Kind, ...] = (
    Kind(
        "roadmaps",
        _("Roadmaps"),
        _roadmaps,
        Roadmap.full_text,
        lambda r: reverse("roadmaps:roadmap-detail", args=[r.pk]),
        lambda r: str(r.country or r.owner or ""),
    ),
    Kind(
        "versions",
        pgettext_lazy("roadmap versions", "Versions"),
        _versions,
        RoadmapVersion.full_text,
        lambda v: reverse("roadmaps:version-detail", args=[v.pk]),
        lambda v: v.get_status_display(),
        found_through=("roadmap", Roadmap),
    ),
    Kind(
        "meetings",
        _("Meetings"),
        _meetings,
        Meeting.full_text,
        lambda m: reverse("egm:meeting-detail", args=[m.pk]),
        _meeting_context,
    ),
    Kind(
        "chapters",
        _("Guidebook chapters"),
        _chapters,
        Chapter.full_text,
        lambda c: reverse("guidebook:chapter-detail", args=[c.pk]),
        lambda c: str(c.edition),
    ),
    Kind(
        "organisations",
        _("Organisations"),
        _organisations,
        Organisation.full_text,
        _organisation_link,
        lambda o: o.get_kind_display(),
        # The link shows the acronym; the snippet the full name and the description.
        snippet_fields=("name", "description"),
    ),
    Kind(
        "people",
        _("People"),
        _people,
        User.full_text,
        _person_link,
        lambda p: ", ".join(x for x in [p.job_title, str(p.organisation or "")] if x),
    ),
)
KIND_KEYS = [kind.key for kind in KINDS]


@dataclass
class Hit:
    obj: object
    title: str
    url: str
    context: str
    snippet: SafeString


def _own_words_match(model, full_text: FullText, query) -> Q:
    """Rows whose own words match, as a lookup of ids PostgreSQL finds through the GIN index."""
    own = model.objects.annotate(search=full_text.vector()).filter(search=query)
    return Q(pk__in=own.values("pk"))


def _matching(kind: Kind, user, query) -> QuerySet:
    """The rows of `kind` that `user` may open whose own words match, or (for a kind found
    through another record) whose record's words do, each through its GIN index.

    A kind found through another record asks both as lists of ids: its vector compared row by
    row would be built again for every row the user may open (thousands of versions)."""
    rows = kind.rows(user)
    if kind.found_through is None:
        return rows.annotate(search=kind.full_text.vector()).filter(search=query)
    path, model = kind.found_through
    related = model.objects.annotate(search=model.full_text.vector()).filter(search=query)
    own = _own_words_match(rows.model, kind.full_text, query)
    return rows.filter(own | Q(**{f"{path}__in": related.values("pk")}))


def search_hits(kind: Kind, *, user, words: str) -> QuerySet:
    """The rows of `kind` that `user` may open and whose words match, best first, each with
    its snippet (`headline`)."""
    query = search_query(words)
    rows = _matching(kind, user, query)
    rank = SearchRank(kind.full_text.vector(), query)
    if kind.found_through is not None:
        # Ranked by their own words only where those match (the rest rank 0, as they would):
        # the vector is built for those rows only, not for every row found through another.
        rank = Case(
            When(_own_words_match(rows.model, kind.full_text, query), then=rank),
            default=Value(0.0),
            output_field=FloatField(),
        )
    return rows.annotate(
        rank=rank,
        headline=SearchHeadline(
            _joined(kind.snippet_source), query, config=CONFIG, **_HEADLINE_OPTIONS
        ),
    ).order_by("-rank", "pk")


def search_count(kind: Kind, *, user, words: str) -> int:
    return _matching(kind, user, search_query(words)).count()


def as_hits(kind: Kind, rows) -> list[Hit]:
    return [
        Hit(
            obj=row,
            title=str(row),
            url=kind.link(row),
            context=kind.context(row),
            snippet=highlighted(row.headline),
        )
        for row in rows
    ]
