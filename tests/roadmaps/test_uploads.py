"""Upload validation: each rule of base.uploads, through the upload service."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from base.errors import NotPermitted
from base.uploads import DOCX, ODT, PDF
from roadmaps.models import RoadmapVersion
from roadmaps.services import roadmap_version_upload
from tests.factories import MINIMAL_PDF, make_docx, make_odt, national_roadmap

pytestmark = pytest.mark.django_db


@pytest.fixture
def roadmap(ghana):
    return national_roadmap(ghana)


def _upload(user, roadmap, data: bytes, name: str = "draft.pdf"):
    return roadmap_version_upload(
        actor=user, roadmap=roadmap, file=ContentFile(data, name=name), filename=name
    )


def _stored_files(settings) -> list:
    root = settings.PRIVATE_MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.parametrize(
    ("data", "name", "content_type", "suffix"),
    [
        (MINIMAL_PDF, "Roadmap draft.pdf", PDF, ".pdf"),
        (make_docx(), "roadmap.docx", DOCX, ".docx"),
        (make_odt(), "roadmap.odt", ODT, ".odt"),
        # The content decides, not the extension: a PDF named .docx is stored as a PDF.
        (MINIMAL_PDF, "misnamed.docx", PDF, ".pdf"),
    ],
)
def test_accepted_files_are_typed_by_content(
    focal_point_user, roadmap, data, name, content_type, suffix
):
    version = _upload(focal_point_user, roadmap, data, name)
    assert version.content_type == content_type
    assert version.file.name.endswith(suffix)
    assert version.original_filename == name
    assert version.size == len(data)
    import hashlib

    assert version.sha256 == hashlib.sha256(data).hexdigest()


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buf.getvalue()


def _encrypted_docx() -> bytes:
    data = bytearray(make_docx())
    # Set the "encrypted" flag bit on every local and central directory header.
    for sig, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (i := data.find(sig, start)) != -1:
            data[i + offset] |= 0x1
            start = i + 4
    return bytes(data)


BAD_FILES = {
    "empty": (b"", "draft.pdf", "empty"),
    "wrong type (PNG)": (b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "draft.pdf", "accepted"),
    "wrong type (text)": (b"just some words", "draft.pdf", "accepted"),
    "wrong type (zip, not a document)": (_zip({"a.txt": b"x"}), "draft.docx", "accepted"),
    "wrong type (other ODF)": (
        make_odt("application/vnd.oasis.opendocument.spreadsheet"),
        "sheet.odt",
        "accepted",
    ),
    "truncated PDF": (MINIMAL_PDF[:60], "draft.pdf", "incomplete"),
    "corrupt DOCX": (make_docx()[:80], "draft.docx", "damaged"),
    "encrypted DOCX": (_encrypted_docx(), "draft.docx", "password"),
    "zip bomb": (make_docx({"word/media/big.bin": b"\0" * (201 * 1024 * 1024)}), "b.docx", "size"),
    "path in name": (MINIMAL_PDF, "../../etc/draft.pdf", "folders"),
    "backslash path": (MINIMAL_PDF, "..\\draft.pdf", "folders"),
    "control character": (MINIMAL_PDF, "draft\x00.pdf", "control"),
}


@pytest.mark.parametrize(("data", "name", "message"), BAD_FILES.values(), ids=BAD_FILES.keys())
def test_bad_files_are_refused_and_leave_nothing(
    focal_point_user, roadmap, settings, data, name, message
):
    with pytest.raises(ValidationError) as exc:
        _upload(focal_point_user, roadmap, data, name)
    assert message in " ".join(exc.value.messages)
    assert not RoadmapVersion.objects.exists()
    assert _stored_files(settings) == []


def test_oversize_file_is_refused(focal_point_user, roadmap, settings):
    settings.ROADMAP_UPLOAD_MAX_BYTES = len(MINIMAL_PDF) - 1
    with pytest.raises(ValidationError, match="larger than"):
        _upload(focal_point_user, roadmap, MINIMAL_PDF)
    assert not RoadmapVersion.objects.exists()


def test_default_limit_is_25_megabytes(settings):
    from config import settings as project_settings

    assert project_settings.ROADMAP_UPLOAD_MAX_BYTES == 25 * 1024 * 1024


def test_a_failure_after_the_file_is_written_removes_it(
    focal_point_user, roadmap, settings, monkeypatch
):
    from roadmaps.models import VersionTransition

    def boom(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(VersionTransition.objects, "create", boom)
    with pytest.raises(RuntimeError):
        _upload(focal_point_user, roadmap, MINIMAL_PDF)
    assert not RoadmapVersion.objects.exists()
    assert _stored_files(settings) == []


def test_a_focal_point_cannot_upload_for_another_country(other_focal_point_user, roadmap, settings):
    with pytest.raises(NotPermitted):
        _upload(other_focal_point_user, roadmap, MINIMAL_PDF)
    assert not RoadmapVersion.objects.exists()
    assert _stored_files(settings) == []


def test_versions_are_numbered_in_order(focal_point_user, staff_client, roadmap):
    first = _upload(focal_point_user, roadmap, MINIMAL_PDF)
    second = _upload(focal_point_user, roadmap, make_docx(), "v2.docx")
    assert (first.number, second.number) == (1, 2)
