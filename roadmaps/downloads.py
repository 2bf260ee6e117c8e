"""The one way a version's file leaves the server, for the web page and the API alike."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

from roadmaps.models import RoadmapVersion
from roadmaps.rules import version_file_readable

# Files a browser shows itself, so a reviewer can keep the draft open beside the review form.
INLINE_TYPES = frozenset({"application/pdf"})


def version_file_response(
    *, user, version: RoadmapVersion, inline: bool = False, readable: bool | None = None
) -> FileResponse:
    """The file of `version` as an attachment (shown in the browser when `inline` is asked
    and its type is one a browser shows), or 404 for anyone `version_file_readable` refuses
    (nobody learns it exists). Never sniffed as another type, never cached. `readable` is the
    answer of another rule where the reader is not an account (an outside expert's link)."""
    if not (version_file_readable(user, version) if readable is None else readable):
        raise Http404(_("No file available."))
    try:
        handle = version.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404(_("The file of this version is missing.")) from exc
    name = version.original_filename
    if not name.lower().endswith(version.extension):
        name = f"{name}{version.extension}"
    shown = inline and version.content_type in INLINE_TYPES
    response = FileResponse(
        handle, as_attachment=not shown, filename=name, content_type=version.content_type
    )
    if shown:
        # Shown, never run: the document cannot script the site from its own origin.
        response["Content-Security-Policy"] = "sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
