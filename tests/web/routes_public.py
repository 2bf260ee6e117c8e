"""Web routes of the public site: no sign-in, and only what the programme made public
(announced pilots, meetings held in public, roadmaps whose country consented to release)."""

from roadmaps.choices import VersionStatus
from tests.factories import RoadmapVersionFactory, country, national_roadmap
from tests.web.matrix import ROLES, Row

PUBLIC = (200, 200, 200, 200, 200, 200, 200)
NOT_FOUND = (404, 404, 404, 404, 404, 404, 404)


def _unreleased(o):
    """Published to signed-in partners, without the country's consent to show it publicly."""
    return RoadmapVersionFactory(
        roadmap=national_roadmap(country("NGA")), number=1, status=VersionStatus.PUBLISHED
    )


OBJECTS = {"published_unreleased": _unreleased}


def _absent(key):
    return tuple((role, key) for role in ROLES)


TABLE = {
    Row("public:home", absent=_absent("pilot_unannounced"), listed_in="pilots"): PUBLIC,
    Row("public:home", absent=_absent("published_unreleased"),
        listed_in="versions"): PUBLIC,
    Row("public:home", absent=_absent("meeting_private"), listed_in="meetings"): PUBLIC,
    Row("public:pilot", "pilot_own"): PUBLIC,
    Row("public:pilot", "pilot_unannounced"): NOT_FOUND,
    Row("public:roadmap", "published_other"): PUBLIC,
    Row("public:roadmap", "published_unreleased"): NOT_FOUND,
    Row("public:roadmap", "submitted_own"): NOT_FOUND,
    Row("public:roadmap-file", "published_other"): PUBLIC,
    Row("public:roadmap-file", "published_unreleased"): NOT_FOUND,
    Row("public:data"): PUBLIC,
    Row("public:download", args=("roadmaps", "json")): PUBLIC,
    Row("public:download", args=("pilots", "csv")): PUBLIC,
    Row("public:download", args=("users", "csv")): NOT_FOUND,
    # The public language switcher sets the visitor's cookie and goes back, for everyone.
    Row("public:language"): (302, 302, 302, 302, 302, 302, 302),
}  # fmt: skip
