"""Renderers for the API's file downloads."""

from __future__ import annotations

import json

from rest_framework.renderers import BaseRenderer


class FileDownloadRenderer(BaseRenderer):
    """Lets a download answer a client that asks for the file's own type.

    The API renders JSON only, so content negotiation refused `Accept: application/pdf` (what a
    generated client sends for a binary response) with a 406 before the download ran. The file
    itself leaves as a FileResponse, which no renderer touches; what this renderer sees is an
    error (404 and the like), which it writes in the API's JSON error shape.
    """

    media_type = "*/*"
    format = "file"
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        response = (renderer_context or {}).get("response")
        if response is not None:
            response["Content-Type"] = "application/json"
        if data is None:
            return b""
        return json.dumps(data).encode()
