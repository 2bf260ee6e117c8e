"""Macro-enabled office documents are refused by their content, whatever they are called."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from base.uploads import DOCX, ODT, inspect_upload
from tests.factories import make_docx, make_odt

DOCM_TYPES = (
    '<Types><Override PartName="/word/document.xml" ContentType="application/'
    'vnd.ms-word.document.macroEnabled.main+xml"/></Types>'
)


def _archive(entries: dict[str, bytes | str], *, odf_mimetype: str | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        if odf_mimetype:
            archive.writestr("mimetype", odf_mimetype, compress_type=zipfile.ZIP_STORED)
        for name, data in entries.items():
            archive.writestr(name, data)
    return buf.getvalue()


def _inspect(data: bytes, name: str):
    return inspect_upload(ContentFile(data, name=name), name)


MACRO_DOCUMENTS = {
    "docm renamed docx": _archive(
        {
            "[Content_Types].xml": DOCM_TYPES,
            "word/document.xml": "<w:document/>",
            "word/vbaProject.bin": b"\xd0\xcf\x11\xe0vba",
        }
    ),
    "docm content type, no vba part": _archive(
        {"[Content_Types].xml": DOCM_TYPES, "word/document.xml": "<w:document/>"}
    ),
    "docx with a vbaProject.bin part": make_docx({"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"}),
    "xlsm renamed docx": _archive(
        {
            "[Content_Types].xml": '<Types><Override ContentType="application/'
            'vnd.ms-excel.sheet.macroEnabled.main+xml"/></Types>',
            "xl/workbook.xml": "<workbook/>",
            "xl/vbaProject.bin": b"vba",
        }
    ),
    "pptm renamed docx": _archive(
        {
            "[Content_Types].xml": '<Types><Override ContentType="application/'
            'vnd.ms-powerpoint.presentation.macroEnabled.main+xml"/></Types>',
            "ppt/presentation.xml": "<p/>",
        }
    ),
    "odt with Basic macros": _archive(
        {
            "content.xml": "<office:document-content/>",
            "Basic/Standard/Module1.xml": "<script:module/>",
            "Basic/script-lc.xml": "<library/>",
        },
        odf_mimetype=ODT,
    ),
    "odt with scripts": _archive(
        {"content.xml": "<office:document-content/>", "Scripts/python/run.py": "print()"},
        odf_mimetype=ODT,
    ),
}


@pytest.mark.parametrize("name", MACRO_DOCUMENTS)
def test_macro_enabled_documents_are_refused(name):
    filename = "roadmap.odt" if "odt" in name else "roadmap.docx"
    with pytest.raises(ValidationError) as error:
        _inspect(MACRO_DOCUMENTS[name], filename)
    assert error.value.code == "macros"
    assert "macros" in error.value.messages[0]


def test_plain_documents_still_pass():
    assert _inspect(make_docx(), "roadmap.docx").content_type == DOCX
    assert _inspect(make_odt(), "roadmap.odt").content_type == ODT
    # A plain DOCX content-types list that merely mentions "macro" in text is fine.
    plain = make_docx({"docProps/app.xml": "<Properties>macro-economic roadmap</Properties>"})
    assert _inspect(plain, "roadmap.docx").content_type == DOCX


@pytest.mark.django_db
def test_a_macro_document_uploaded_through_the_page_is_refused_and_nothing_is_kept(
    ghana, focal_point_client, settings
):
    from django.urls import reverse

    from roadmaps.models import RoadmapVersion
    from tests.factories import national_roadmap

    roadmap = national_roadmap(ghana)
    upload = ContentFile(MACRO_DOCUMENTS["docm renamed docx"], name="roadmap.docx")
    response = focal_point_client.post(
        reverse("roadmaps:version-upload", args=[roadmap.pk]), {"file": upload}
    )
    assert response.status_code == 400
    assert "contains macros" in response.content.decode()
    assert not RoadmapVersion.objects.filter(roadmap=roadmap).exists()
    root = settings.PRIVATE_MEDIA_ROOT
    assert not root.exists() or not [p for p in root.rglob("*") if p.is_file()]
