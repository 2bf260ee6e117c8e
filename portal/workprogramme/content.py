"""The work programme's own words, from the IATT's 2018 work-programme presentation on STI for
SDGs roadmaps (the source of every line here)."""

from django.utils.translation import gettext_lazy as _

SOURCE = _("IATT sub-working group on STI roadmaps, inter-sessional work programme 2018/19")

# "IATT is committed to implement an inter-sessional work program in 2018/19".
AIMS = [
    _("Pilot and scale adoption of country level roadmaps"),
    _("Develop common principles of STI for SDGs roadmaps based on lessons learnt"),
    _("Strengthen international cooperation accordingly"),
]

# What each component of part B is for, by the component's slug.
COMPONENT_TEXT = {
    "peer-learning": _(
        "Countries learn from each other: EGMs cultivate a peer-learning environment among "
        "member states and the UN system."
    ),
    "joint-support-for-pilot-countries": _(
        "IATT supports a group of pilot countries through a multi-stakeholder collaborative "
        "approach; the countries, not IATT, are in the driver's seat."
    ),
    "donor-coordination": _(
        "Support for STI roadmaps is fragmented across international, regional, national and "
        "sub-national levels: the programme brings UN agencies, donor governments and "
        "development agencies together around national roadmaps."
    ),
    "knowledge-and-advocacy": _(
        "The Guidebook, background papers and what the programme makes public."
    ),
}

# Part A: "Establishment of trust fund to fully support the work of STI for the SDGs roadmaps".
TRUST_FUND_PURPOSES = [
    _("Bringing stakeholders together"),
    _("Enhancing experience exchange"),
    _("Facilitating further discussions and cooperation"),
]
