"""Slugs in page addresses: a record's slug must not be a word that a sibling route already
uses (a regional track called "new" would have the address of the form adding one)."""

from __future__ import annotations

from django.urls import NoReverseMatch, Resolver404, resolve, reverse


def slug_taken_by_route(url_name: str, slug: str) -> bool:
    """Whether the page a record with this slug would have (`url_name`, reversed with the
    slug) is already another page of the site, e.g. "new" under `tracks/`. Read from the URL
    configuration itself, so a route added later is reserved without a list to keep."""
    try:
        path = reverse(url_name, kwargs={"slug": slug})
    except NoReverseMatch:
        # Not a slug at all: the field's own validator says so.
        return False
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.view_name != url_name
