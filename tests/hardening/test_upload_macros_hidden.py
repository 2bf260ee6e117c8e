"""Macro-enabled documents are refused however the macro is declared or named: a UTF-16
[Content_Types].xml, character references, a renamed VBA part found through its relationship
or its compound-file bytes. For roadmap drafts and meeting documents alike."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from base.uploads import DOCX, inspect_upload
from egm.services import document_add
from roadmaps.services import roadmap_version_upload
from tests.factories import MeetingFactory, national_roadmap

pytestmark = pytest.mark.django_db

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 56
VBA_PROJECT = OLE + "_VBA_PROJECT".encode("utf-16-le") + b"\x00" * 64
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
PLAIN_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="png" ContentType="image/png"/>'
    f'<Override PartName="/word/document.xml" ContentType="{DOCX_MAIN}"/></Types>'
)
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
VBA_REL = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"


def _types(main: str, extra: str = "", encoding: str = "UTF-8") -> str:
    return (
        f'<?xml version="1.0" encoding="{encoding}"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="png" ContentType="image/png"/>'
        f'<Override PartName="/word/document.xml" ContentType="{main}"/>{extra}</Types>'
    )


def _rels(*relationships: tuple[str, str]) -> str:
    body = "".join(
        f'<Relationship Id="rId{n}" Type="{kind}" Target="{target}"/>'
        for n, (kind, target) in enumerate(relationships, start=1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns='
        f'"http://schemas.openxmlformats.org/package/2006/relationships">{body}</Relationships>'
    )


def _docx(entries: dict[str, bytes | str], *, types: bytes | str = PLAIN_TYPES) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", _rels())
        archive.writestr("word/document.xml", "<w:document/>")
        for name, data in entries.items():
            archive.writestr(name, data)
    return buf.getvalue()


HOSTILE = {
    "docm types in UTF-16, VBA part renamed": _docx(
        {"word/media/image1.png": VBA_PROJECT},
        types=_types(DOCM_MAIN, encoding="UTF-16").encode("utf-16"),
    ),
    "docm types in UTF-16, no VBA part": _docx(
        {}, types=_types(DOCM_MAIN, encoding="UTF-16").encode("utf-16")
    ),
    "docm type written with character references": _docx(
        {}, types=_types("application/vnd.ms-word.document.&#x6D;acro&#69;nabled.main+xml")
    ),
    "vba project type written with character references": _docx(
        {"word/media/logo.dat": b"data"},
        types=_types(
            DOCX_MAIN,
            '<Override PartName="/word/media/logo.dat" '
            'ContentType="application/vnd.ms-office.&#118;baProject"/>',
        ),
    ),
    "vba project declared by a default extension": _docx(
        {"word/media/logo.dat": b"data"},
        types=_types(
            DOCX_MAIN,
            '<Default Extension="dat" ContentType="application/vnd.ms-office.vbaProject"/>',
        ),
    ),
    "renamed VBA part found through its relationship": _docx(
        {
            "word/_rels/document.xml.rels": _rels((VBA_REL, "media/logo.png")),
            "word/media/logo.png": b"\x89PNG\r\n\x1a\n",
        }
    ),
    "relationship type written with character references": _docx(
        {
            "word/_rels/document.xml.rels": _rels(
                ("http://schemas.microsoft.com/office/2006/relationships/&#x76;baProject", "x.png")
            ),
        }
    ),
    "renamed VBA part found by its bytes": _docx({"word/media/image7.png": VBA_PROJECT}),
    "VBA part with a capitalised name": _docx({"word/VBAPROJECT.BIN": VBA_PROJECT}),
}


@pytest.mark.parametrize("name", HOSTILE, ids=HOSTILE.keys())
def test_a_hidden_macro_is_refused(name):
    with pytest.raises(ValidationError) as error:
        inspect_upload(ContentFile(HOSTILE[name], name="roadmap.docx"), "roadmap.docx")
    assert error.value.code == "macros"


def test_an_embedded_old_style_object_is_refused():
    data = _docx({"word/embeddings/oleObject1.bin": OLE})
    with pytest.raises(ValidationError) as error:
        inspect_upload(ContentFile(data, name="roadmap.docx"), "roadmap.docx")
    assert error.value.code == "embedded_object"


def test_an_entity_trick_in_the_declarations_is_refused_as_damaged():
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE t [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><Types>&b;</Types>'
    )
    with pytest.raises(ValidationError) as error:
        inspect_upload(ContentFile(_docx({}, types=bomb), name="r.docx"), "r.docx")
    assert error.value.code == "corrupt"


def test_a_plain_docx_with_pictures_and_relationships_is_accepted():
    data = _docx(
        {
            "word/_rels/document.xml.rels": _rels(
                (
                    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image",
                    "media/image1.png",
                )
            ),
            "word/media/image1.png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 32,
        },
        types=_types(DOCX_MAIN, encoding="UTF-16").encode("utf-16"),
    )
    info = inspect_upload(ContentFile(data, name="roadmap.docx"), "roadmap.docx")
    assert info.content_type == DOCX


def test_a_roadmap_draft_with_a_hidden_macro_is_refused(focal_point_user, ghana):
    roadmap = national_roadmap(ghana)
    data = HOSTILE["docm types in UTF-16, VBA part renamed"]
    with pytest.raises(ValidationError) as error:
        roadmap_version_upload(
            actor=focal_point_user,
            roadmap=roadmap,
            file=ContentFile(data, name="roadmap.docx"),
            filename="roadmap.docx",
        )
    assert [e.code for e in error.value.error_dict["file"]] == ["macros"]


def test_a_meeting_document_with_a_hidden_macro_is_refused(secretariat_user):
    data = HOSTILE["renamed VBA part found by its bytes"]
    with pytest.raises(ValidationError) as error:
        document_add(
            actor=secretariat_user,
            meeting=MeetingFactory(),
            kind="material",
            title="Concept note",
            file=ContentFile(data, name="note.docx"),
            filename="note.docx",
        )
    assert [e.code for e in error.value.error_dict["file"]] == ["macros"]
