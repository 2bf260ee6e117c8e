"""Which release of the code is serving: part of every cached read's key (`base.cache.read_key`),
so a page part kept by the code before a deploy is never served by the code after it, whose
templates, labels, translations or static file names may differ. The data's generations are
not per release: a write seen by either release invalidates both.

`settings.RELEASE` (the environment's RELEASE, e.g. the deployed commit) names it where set;
otherwise it is a digest of the files that make up a page, read once per process.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

from django.conf import settings

# The files a page is made from: code, templates, translations, the project's own static files.
SOURCE_SUFFIXES = frozenset({".py", ".html", ".txt", ".xml", ".po", ".js", ".css", ".svg"})
# What never reaches a page, or is not the project's own: skipped however deep it is.
SKIPPED_DIRS = frozenset(
    {"tests", "docs", "data", "media", "staticfiles", "backups", "node_modules", "__pycache__"}
)


@cache
def source_digest(root: Path) -> str:
    """A short digest of the page-making files under `root`, their paths and their contents."""
    digest = hashlib.sha256()
    for dirpath, dirnames, filenames in os.walk(root):
        # Sorted, so the walk (and the digest) is the same on every machine; dot-folders
        # (.git, .venv, .local) are the checkout's and the machine's, not the release's.
        dirnames[:] = sorted(d for d in dirnames if d not in SKIPPED_DIRS and d[0] != ".")
        for name in sorted(filenames):
            if Path(name).suffix in SOURCE_SUFFIXES:
                path = Path(dirpath, name)
                digest.update(path.relative_to(root).as_posix().encode() + b"\0")
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def release() -> str:
    """The serving release's name: settings.RELEASE, else the digest of this checkout."""
    return settings.RELEASE or source_digest(Path(settings.BASE_DIR))
