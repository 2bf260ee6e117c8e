"""The one rule for roadmap draft files: what a file is, decided by its content.

Used by `RoadmapVersion.clean()` (and so by every form, service and serializer), so an upload
is checked the same way whichever door it comes through. Nothing here trusts the uploader's
file name or declared type: the bytes decide.
"""

from __future__ import annotations

import hashlib
import unicodedata
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext as _

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"

EXTENSIONS = {PDF: ".pdf", DOCX: ".docx", ODT: ".odt"}
LABELS = {PDF: "PDF", DOCX: "Word (DOCX)", ODT: "OpenDocument text (ODT)"}

# A word-processing document is mostly compressed XML; anything that inflates beyond this is
# treated as a zip bomb rather than a roadmap.
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_ARCHIVE_ENTRIES = 5000
# Real PDF writers end with %%EOF, possibly followed by a few bytes of whitespace or junk.
PDF_EOF_WINDOW = 1024
MAX_FILENAME_LENGTH = 200
# Office documents that carry macros (code that runs when the file is opened) are refused,
# whatever their name says: a .docm renamed .docx is still a .docm. Office marks them by the
# content type of their main part (and any VBA project) in [Content_Types].xml, and keeps the
# code in a vbaProject.bin part; OpenDocument keeps Basic macros under Basic/ (and other
# scripts under Scripts/).
OFFICE_MACRO_CONTENT_TYPES = (
    b"application/vnd.ms-word.document.macroenabled",
    b"application/vnd.ms-word.template.macroenabled",
    b"application/vnd.ms-excel.sheet.macroenabled",
    b"application/vnd.ms-excel.template.macroenabled",
    b"application/vnd.ms-excel.addin.macroenabled",
    b"application/vnd.ms-powerpoint.presentation.macroenabled",
    b"application/vnd.ms-powerpoint.slideshow.macroenabled",
    b"application/vnd.ms-powerpoint.template.macroenabled",
    b"application/vnd.ms-office.vbaproject",
)
OFFICE_MACRO_PARTS = ("vbaproject.bin", "vbadata.xml")
ODF_MACRO_FOLDERS = ("basic/", "scripts/")


@dataclass(frozen=True)
class UploadInfo:
    """What the content check found out about an upload."""

    content_type: str
    size: int
    sha256: str
    filename: str

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.content_type]


def max_bytes() -> int:
    return settings.ROADMAP_UPLOAD_MAX_BYTES


def clean_filename(name: str) -> str:
    """The file name to show and offer on download; refuses anything path-like."""
    name = unicodedata.normalize("NFC", name or "").strip()
    if not name:
        raise ValidationError(gettext("The file has no name."), code="filename_empty")
    if "/" in name or "\\" in name or ".." in name:
        raise ValidationError(
            gettext(
                "The file name must not contain folders or '..'; rename the file and try again."
            ),
            code="filename_path",
        )
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        raise ValidationError(
            gettext("The file name contains control characters; rename the file and try again."),
            code="filename_control",
        )
    if len(name) > MAX_FILENAME_LENGTH:
        raise ValidationError(
            gettext("The file name is longer than %(n)d characters.") % {"n": MAX_FILENAME_LENGTH},
            code="filename_long",
        )
    return name


def _read_all(file) -> bytes:
    file.seek(0)
    data = file.read()
    file.seek(0)
    return data


def _check_pdf(data: bytes) -> None:
    if not data.startswith(b"%PDF-"):
        raise ValidationError(gettext("This is not a valid PDF file."), code="corrupt")
    if b"%%EOF" not in data[-PDF_EOF_WINDOW:]:
        raise ValidationError(
            gettext("The PDF file is incomplete or damaged (no end-of-file marker)."),
            code="corrupt",
        )


def _open_archive(file) -> zipfile.ZipFile:
    try:
        file.seek(0)
        return zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ValidationError(
            gettext("The document is damaged and cannot be opened."), code="corrupt"
        ) from exc


def _check_archive(archive: zipfile.ZipFile) -> str:
    """Check a DOCX/ODT archive is safe to open and say which one it is."""
    entries = archive.infolist()
    if not entries or len(entries) > MAX_ARCHIVE_ENTRIES:
        raise ValidationError(
            gettext("The document is damaged and cannot be opened."), code="corrupt"
        )
    if any(info.flag_bits & 0x1 for info in entries):
        raise ValidationError(
            gettext("The document is password-protected; upload an unprotected copy."),
            code="encrypted",
        )
    if sum(info.file_size for info in entries) > MAX_UNCOMPRESSED_BYTES:
        raise ValidationError(
            gettext("The document expands to an implausible size and was refused."), code="zip_bomb"
        )
    names = {info.filename for info in entries}
    _refuse_macros(archive, names)
    if "mimetype" in names:
        kind = archive.read("mimetype").strip().decode("ascii", "replace")
        if kind != ODT or "content.xml" not in names:
            raise ValidationError(
                gettext("Only PDF, Word (DOCX) and OpenDocument text (ODT) files are accepted."),
                code="wrong_type",
            )
        detected = ODT
    elif "[Content_Types].xml" in names and "word/document.xml" in names:
        detected = DOCX
    else:
        raise ValidationError(
            gettext("Only PDF, Word (DOCX) and OpenDocument text (ODT) files are accepted."),
            code="wrong_type",
        )
    try:
        broken = archive.testzip()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError) as exc:
        raise ValidationError(
            gettext("The document is damaged and cannot be opened."), code="corrupt"
        ) from exc
    if broken is not None:
        raise ValidationError(
            gettext("The document is damaged and cannot be opened."), code="corrupt"
        )
    return detected


def _refuse_macros(archive: zipfile.ZipFile, names: set[str]) -> None:
    """Refuse an office archive that carries macros, by its parts rather than its name."""
    lowered = {name.lower() for name in names}
    macro_part = any(name.rsplit("/", 1)[-1] in OFFICE_MACRO_PARTS for name in lowered)
    odf_macros = any(name.startswith(ODF_MACRO_FOLDERS) for name in lowered)
    macro_type = False
    if "[Content_Types].xml" in names:
        types = archive.read("[Content_Types].xml")[: 1024 * 1024].lower()
        macro_type = any(kind in types for kind in OFFICE_MACRO_CONTENT_TYPES)
    if macro_part or odf_macros or macro_type:
        raise ValidationError(
            _(
                "The document contains macros, which are not accepted. Save it without macros "
                "(as a plain .docx, .odt or PDF) and upload it again."
            ),
            code="macros",
        )


def inspect_upload(file, filename: str | None = None) -> UploadInfo:
    """Check an uploaded draft against every rule and describe it, or raise ValidationError."""
    display_name = clean_filename(filename if filename is not None else file.name)
    size = file.size
    if not size:
        raise ValidationError(gettext("The file is empty."), code="empty")
    limit = max_bytes()
    if size > limit:
        raise ValidationError(
            gettext("The file is larger than %(n)d MB.") % {"n": limit // (1024 * 1024)},
            code="too_large",
        )
    data = _read_all(file)
    guessed = filetype.guess(data[:8192])
    mime = guessed.mime if guessed else None
    if data.startswith(b"%PDF-") or mime == PDF:
        _check_pdf(data)
        content_type = PDF
    elif data.startswith(b"PK\x03\x04") or mime in {DOCX, ODT, "application/zip"}:
        with _open_archive(file) as archive:
            content_type = _check_archive(archive)
        file.seek(0)
    else:
        raise ValidationError(
            gettext("Only PDF, Word (DOCX) and OpenDocument text (ODT) files are accepted."),
            code="wrong_type",
        )
    return UploadInfo(
        content_type=content_type,
        size=size,
        sha256=hashlib.sha256(data).hexdigest(),
        filename=display_name,
    )
