"""Template pieces of the work programme that other apps' pages include."""

from django import template

from pilots.rules import country_record_can_change
from portal.models import CountryRecordLink, PeerExchangeRequest
from portal.workprogramme.rules import (
    exchange_can_request,
    peer_learning_can_open,
    workprogramme_can_keep,
)

register = template.Library()


@register.inclusion_tag("workprogramme/country_links.html", takes_context=True)
def country_record_links(context, pilot):
    """A pilot's country's records on other public sources (STIP Compass, GO-SPIN), and its
    peer-learning page for those who may open it."""
    user = context["request"].user
    links = []
    if pilot.country_id:
        links = [
            (link.get_source_display(), link.url)
            for link in CountryRecordLink.objects.filter(
                country_id=pilot.country_id
            ).select_related("country")
        ]
    # The peer-learning page's own rule (announced pilots only, for those roles).
    may_learn = peer_learning_can_open(user, pilot)
    # The record form is a page of its own (the pilot page's body is kept and carries no form).
    may_note = workprogramme_can_keep(user) and bool(pilot.country_id)
    # The country's own forms (its focal points, the secretariat), each on a page of its own.
    may_edit_records = country_record_can_change(user, pilot.country) if pilot.country else False
    may_request = bool(pilot.country_id) and exchange_can_request(user, pilot)
    requests = (
        list(
            PeerExchangeRequest.objects.filter(learner=pilot).select_related(
                "suggested_peer__country", "suggested_peer__organisation"
            )[:10]
        )
        if may_request
        else []
    )
    return {
        "pilot": pilot,
        "links": links,
        "may_learn": may_learn,
        "may_note": may_note,
        "may_edit_records": may_edit_records,
        "may_request": may_request,
        "requests": requests,
    }
