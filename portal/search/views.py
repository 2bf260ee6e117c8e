"""The search page: what the header's search box finds, grouped by kind."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.views.generic import TemplateView

from base.cache import page_read_key
from base.httpcache import app_models
from portal.search.forms import SearchForm
from portal.search.rules import search_can_open
from portal.search.selectors import KINDS, as_hits, search_count, search_hits
from programme.roles import RoleRequiredMixin

# Hits of each kind on the page that shows every kind; a kind's own page shows more.
PREVIEW = 5
PER_PAGE = 20
# What the results are built from: the records of every kind, and what decides who may open
# them (pilots, focal points, review assignments, the advisory group...). A write to any model
# of these apps draws the results again.
SEARCHED_APPS = ("roadmaps", "egm", "guidebook", "pilots", "programme")


class SearchView(RoleRequiredMixin, TemplateView):
    """Every signed-in user searches; each finds only what they may open (anonymous visitors
    are sent to sign in: nothing of the programme is searchable without an account)."""

    template_name = "search/results.html"

    @classmethod
    def allows(cls, user) -> bool:
        return search_can_open(user)

    def get(self, request, *args, **kwargs):
        form = SearchForm(request.GET or None)
        ctx = self.get_context_data(form=form)
        if form.is_bound and not form.is_valid():
            return self.render_to_response(ctx, status=400)
        if form.is_bound:
            words, chosen = form.cleaned_data["q"], form.cleaned_data["kind"]
            # The results are read only when no copy of them is kept for this reader, these
            # words and this page (`{% readcache %}` in the template): counting every kind's
            # matches is most of the page's cost.
            results = SimpleLazyObject(lambda: self.results(words, chosen))
            ctx.update(
                words=words,
                search_words=words,
                chosen=chosen,
                results=results,
                read_key=page_read_key(self.request, "search", app_models(*SEARCHED_APPS)),
                # Every record the page shows, by the name list pages give their rows
                # (`listed_in` of the permission tables, tests/web/matrix.py).
                found=SimpleLazyObject(lambda: results["found"]),
            )
        return self.render_to_response(ctx)

    def results(self, words: str, chosen: str) -> dict:
        user = self.request.user
        groups = []
        page_obj = None
        for kind in KINDS:
            if chosen and kind.key != chosen:
                count = search_count(kind, user=user, words=words)
                groups.append({"kind": kind, "count": count, "hits": []})
                continue
            if chosen:
                paginator = Paginator(search_hits(kind, user=user, words=words), PER_PAGE)
                page_obj = paginator.get_page(self.request.GET.get("page"))
                groups.append(
                    {
                        "kind": kind,
                        "count": paginator.count,
                        "hits": as_hits(kind, page_obj.object_list),
                    }
                )
                continue
            count = search_count(kind, user=user, words=words)
            hits = (
                as_hits(kind, search_hits(kind, user=user, words=words)[:PREVIEW]) if count else []
            )
            groups.append({"kind": kind, "count": count, "hits": hits})
        return {
            "groups": groups,
            # Every record this page shows, whatever its kind (what the tests check is absent).
            "found": [hit.obj for group in groups for hit in group["hits"]],
            "total": sum(g["count"] for g in groups),
            "page_obj": page_obj,
            "paginator": page_obj.paginator if page_obj else None,
            "is_paginated": bool(page_obj and page_obj.paginator.num_pages > 1),
            "querystring": urlencode({"q": words, "kind": chosen}),
            "words_query": urlencode({"q": words}),
        }
