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
from defusedxml import DefusedXmlException
from defusedxml import ElementTree as DefusedET
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
# content type of their main part (`...macroEnabled...`) and of the VBA project in
# [Content_Types].xml, and keeps the code in a vbaProject.bin part; OpenDocument keeps Basic
# macros under Basic/ (and other scripts under Scripts/).
OFFICE_MACRO_PARTS = ("vbaproject.bin", "vbadata.xml")
ODF_MACRO_FOLDERS = ("basic/", "scripts/")
# Names and types are only labels: a VBA project renamed `word/media/image9.png`, declared
# through a UTF-16 [Content_Types].xml or written with character references (`&#x6D;acro`) is
# still a macro. So the declarations are read with an XML parser (any encoding, references
# resolved; defusedxml refuses entity tricks), every relationship is checked for the VBA
# project type, and every part's first bytes for the compound-file format VBA projects (and
# old embedded OLE objects, which carry programs just as well) are stored in.
MACRO_TYPE_MARKERS = ("macroenabled", "vbaproject", "ms-office.activex")
MACRO_RELATIONSHIP_MARKERS = ("vbaproject", "wordvbadata", "/activexcontrol")
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
OLE_VBA_STREAM = "_VBA_PROJECT".encode("utf-16-le")
# [Content_Types].xml and .rels parts are a few kilobytes in real documents.
MAX_DECLARATION_BYTES = 2 * 1024 * 1024
# Macro-enabled Office formats by name, refused before their content is even read.
MACRO_EXTENSIONS = (
    ".docm", ".dotm", ".xlsm", ".xltm", ".xlam", ".pptm", ".potm", ".ppsm", ".ppam", ".sldm",
)  # fmt: skip
# Characters a file name may not carry: they hide or reorder what the reader sees, so that
# `roadmap<RLO>fdp.exe` shows as "roadmapexe.pdf". Every control and format character
# (categories Cc, Cf: the bidi embeddings, overrides and isolates U+202A-202E, U+2066-2069,
# the marks U+200E/200F/061C, zero-width characters), unassigned and private-use code points,
# line and paragraph separators, and the characters that print as nothing although Unicode
# files them as letters or marks (fillers, variation selectors, the grapheme joiner).
INVISIBLE_CHARACTERS = frozenset(
    "\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180e\u180f\u2800\u3164\uffa0"
    + "".join(chr(c) for c in range(0xFE00, 0xFE10))
    + "".join(chr(c) for c in range(0xE0100, 0xE01F0))
)
REFUSED_CATEGORIES = ("C", "Zl", "Zp")


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
    if any(
        unicodedata.category(ch).startswith(REFUSED_CATEGORIES) or ch in INVISIBLE_CHARACTERS
        for ch in name
    ):
        raise ValidationError(
            gettext(
                "The file name contains invisible or control characters (such as "
                "right-to-left marks); rename the file and try again."
            ),
            code="filename_control",
        )
    if name.lower().endswith(MACRO_EXTENSIONS):
        raise ValidationError(_macros_message(), code="macros")
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


def _macros_message() -> str:
    return _(
        "The document contains macros, which are not accepted. Save it without macros "
        "(as a plain .docx, .odt or PDF) and upload it again."
    )


def _macros() -> ValidationError:
    return ValidationError(_macros_message(), code="macros")


def _damaged() -> ValidationError:
    return ValidationError(gettext("The document is damaged and cannot be opened."), code="corrupt")


def _read_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int | None = None) -> bytes:
    try:
        with archive.open(info) as part:
            return part.read() if limit is None else part.read(limit)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError) as exc:
        raise _damaged() from exc
    except NotImplementedError as exc:  # a compression method no office program writes
        raise _damaged() from exc


def _declaration(archive: zipfile.ZipFile, info: zipfile.ZipInfo):
    """A [Content_Types].xml or .rels part, parsed (whatever its encoding)."""
    if info.file_size > MAX_DECLARATION_BYTES:
        raise _damaged()
    try:
        return DefusedET.fromstring(_read_part(archive, info))
    except (DefusedET.ParseError, DefusedXmlException, ValueError) as exc:
        raise _damaged() from exc


def _declares_macros(root, attribute: str, markers: tuple[str, ...]) -> bool:
    return any(
        any(marker in element.get(attribute, "").lower() for marker in markers)
        for element in root.iter()
    )


def _refuse_macros(archive: zipfile.ZipFile, names: set[str]) -> None:
    """Refuse an office archive that carries macros, by what its parts are rather than what
    they or the file are called."""
    lowered = {name.lower() for name in names}
    if any(name.rsplit("/", 1)[-1] in OFFICE_MACRO_PARTS for name in lowered):
        raise _macros()
    if any(name.startswith(ODF_MACRO_FOLDERS) for name in lowered):
        raise _macros()
    for info in archive.infolist():
        if info.is_dir():
            continue
        name = info.filename.lower()
        if name == "[content_types].xml":
            declared = ("ContentType", MACRO_TYPE_MARKERS)
        elif name.endswith(".rels"):
            declared = ("Type", MACRO_RELATIONSHIP_MARKERS)
        else:
            declared = None
        if declared and _declares_macros(_declaration(archive, info), *declared):
            raise _macros()
        if _read_part(archive, info, len(OLE_MAGIC)) == OLE_MAGIC:
            # A compound file: a VBA project, or an OLE object (an embedded program, an
            # old equation) that runs code just as well. Either way, not in a roadmap.
            if OLE_VBA_STREAM in _read_part(archive, info):
                raise _macros()
            raise ValidationError(
                _(
                    "The document contains an embedded object in the old Office format, which "
                    "can carry a program and is not accepted. Remove it (or paste it as a "
                    "picture) and upload the document again."
                ),
                code="embedded_object",
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
