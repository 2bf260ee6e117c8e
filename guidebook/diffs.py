"""Readable differences between two versions of a text (outline, chapter draft), line by line.

Built on difflib; the result is plain data (kind, line numbers, text) that templates print with
Django's autoescaping, so nothing in a text can become markup on the page.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from django.utils.translation import gettext as _

from base.errors import DomainError

# Unchanged lines kept around each change, as in a unified diff.
CONTEXT = 3


class DiffRefused(DomainError):
    """Two versions that cannot be compared (different chapters, or a file and not a text)."""

    code = "diff_refused"
    http_status = 400


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "same", "added", "removed" or "gap" (unchanged lines left out)
    old_number: int | None
    new_number: int | None
    text: str


@dataclass(frozen=True)
class TextDiff:
    lines: list[DiffLine]
    added: int
    removed: int

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed)


def text_diff(old: str, new: str, *, context: int = CONTEXT) -> TextDiff:
    """What changed from `old` to `new`: changed lines with `context` unchanged lines around."""
    a, b = (old or "").splitlines(), (new or "").splitlines()
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    lines: list[DiffLine] = []
    added = removed = 0
    for group in matcher.get_grouped_opcodes(context):
        if lines or group[0][1] > 0:
            lines.append(DiffLine("gap", None, None, ""))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines += [
                    DiffLine("same", i + 1, j + 1, a[i])
                    for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
                ]
                continue
            if tag in ("replace", "delete"):
                lines += [DiffLine("removed", i + 1, None, a[i]) for i in range(i1, i2)]
                removed += i2 - i1
            if tag in ("replace", "insert"):
                lines += [DiffLine("added", None, j + 1, b[j]) for j in range(j1, j2)]
                added += j2 - j1
    return TextDiff(lines=lines, added=added, removed=removed)


def draft_diff(old, new) -> TextDiff:
    """Compare two drafts of the same chapter, both written as text; refuse anything else."""
    if old.chapter_id != new.chapter_id:
        raise DiffRefused(
            _("These versions belong to different chapters; compare versions of one chapter.")
        )
    if not (old.is_text and new.is_text):
        raise DiffRefused(
            _("Only versions written as text can be compared; an uploaded file cannot.")
        )
    return text_diff(old.text, new.text)
