"""The one way a version's file leaves the server, for the web page and the API alike."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

from roadmaps.models import RoadmapVersion
from roadmaps.rules import version_file_readable


def version_file_response(*, user, version: RoadmapVersion) -> FileResponse:
    """The file of `version` as an attachment, or 404 for anyone `version_file_readable`
    refuses (nobody learns it exists). Never sniffed as another type, never cached."""
    if not version_file_readable(user, version):
        raise Http404(_("No file available."))
    try:
        handle = version.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404(_("The file of this version is missing.")) from exc
    name = version.original_filename
    if not name.lower().endswith(version.extension):
        name = f"{name}{version.extension}"
    response = FileResponse(
        handle, as_attachment=True, filename=name, content_type=version.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
