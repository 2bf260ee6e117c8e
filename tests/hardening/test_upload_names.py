"""File names that hide or reorder what the reader sees are refused (or never stored), for
roadmap drafts and meeting documents alike."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from base.uploads import clean_filename
from egm.models import DocumentVersion
from egm.services import document_add
from roadmaps.models import RoadmapVersion
from roadmaps.services import roadmap_version_upload
from tests.factories import MINIMAL_PDF, MeetingFactory, make_docx, national_roadmap

pytestmark = pytest.mark.django_db

HIDDEN = {
    "right-to-left override": "roadmap\u202efdp.exe",
    "left-to-right override": "roadmap\u202dfdp.pdf",
    "right-to-left embedding": "roadmap\u202bx.pdf",
    "pop directional formatting": "roadmap\u202c.pdf",
    "right-to-left isolate": "roadmap\u2067fdp.exe\u2069.pdf",
    "first strong isolate": "roadmap\u2068x.pdf",
    "left-to-right mark": "roadmap\u200e.pdf",
    "right-to-left mark": "roadmap\u200f.pdf",
    "arabic letter mark": "roadmap\u061c.pdf",
    "zero-width space": "road\u200bmap.pdf",
    "zero-width joiner": "road\u200dmap.pdf",
    "byte order mark": "\ufeffroadmap.pdf",
    "soft hyphen": "road\u00admap.pdf",
    "line separator": "roadmap\u2028.pdf",
    "paragraph separator": "roadmap\u2029.pdf",
    "hangul filler": "roadmap\u3164\u3164.pdf",
    "halfwidth hangul filler": "roadmap\uffa0.pdf",
    "hangul choseong filler": "roadmap\u115f.pdf",
    "braille blank": "roadmap\u2800.pdf",
    "variation selector": "roadmap\ufe0f.pdf",
    "combining grapheme joiner": "road\u034fmap.pdf",
    "mongolian vowel separator": "road\u180emap.pdf",
    "private use": "roadmap\ue000.pdf",
    "escape": "roadmap\x1b[31m.pdf",
}


@pytest.mark.parametrize("name", HIDDEN.values(), ids=HIDDEN.keys())
def test_a_name_with_invisible_or_reordering_characters_is_refused(name):
    with pytest.raises(ValidationError) as error:
        clean_filename(name)
    assert error.value.code == "filename_control"


@pytest.mark.parametrize(
    "name",
    ["Feuille de route du Ghana.pdf", "Hoja de ruta \u2013 versión 2.docx", "خارطة الطريق.pdf",
     "路线图.odt", "Roadmap (final) v3.pdf"],
)  # fmt: skip
def test_ordinary_names_in_any_script_are_kept(name):
    assert clean_filename(name) == name


def test_names_are_normalised_to_nfc():
    assert clean_filename("Re\u0301sume\u0301.pdf") == "R\u00e9sum\u00e9.pdf"


@pytest.mark.parametrize(
    "name", ["roadmap.docm", "roadmap.DOTM", "plan.xlsm", "slides.pptm", "show.ppsm"]
)
def test_macro_enabled_office_names_are_refused_whatever_the_content(name):
    with pytest.raises(ValidationError) as error:
        clean_filename(name)
    assert error.value.code == "macros"


def test_a_roadmap_draft_with_a_right_to_left_override_is_refused(focal_point_user, ghana):
    roadmap = national_roadmap(ghana)
    name = "roadmap\u202efdp.exe"
    with pytest.raises(ValidationError) as error:
        roadmap_version_upload(
            actor=focal_point_user, roadmap=roadmap, file=ContentFile(MINIMAL_PDF), filename=name
        )
    assert "file" in error.value.message_dict
    assert not RoadmapVersion.objects.exists()


@pytest.mark.parametrize("name", ["roadmap\u3164.pdf", "roadmap\u2800.pdf", "roadmap.docm"])
def test_a_roadmap_draft_named_to_mislead_is_refused(focal_point_user, ghana, name):
    roadmap = national_roadmap(ghana)
    with pytest.raises(ValidationError):
        roadmap_version_upload(
            actor=focal_point_user,
            roadmap=roadmap,
            file=ContentFile(make_docx(), name="x.docx"),
            filename=name,
        )
    assert not RoadmapVersion.objects.exists()


@pytest.mark.parametrize("name", ["minutes\u202efdp.exe", "minutes\u3164.pdf", "notes.docm"])
def test_a_meeting_document_named_to_mislead_is_refused(secretariat_user, name):
    meeting = MeetingFactory()
    with pytest.raises(ValidationError) as error:
        document_add(
            actor=secretariat_user,
            meeting=meeting,
            kind="material",
            title="Concept note",
            file=ContentFile(MINIMAL_PDF, name="x.pdf"),
            filename=name,
        )
    assert "file" in error.value.message_dict
    assert not DocumentVersion.objects.exists()


@pytest.mark.parametrize("name", ["roadmap\u202efdp.exe", "roadmap\u3164.pdf"])
def test_the_upload_page_never_stores_a_misleading_name(focal_point_client, ghana, name):
    roadmap = national_roadmap(ghana)
    upload = SimpleUploadedFile(name, MINIMAL_PDF, content_type="application/pdf")
    focal_point_client.post(
        reverse("roadmaps:version-upload", args=[roadmap.pk]),
        {"file": upload, "change_summary": "First draft"},
    )
    # Django's upload parser drops some of these characters itself, the upload rules refuse
    # the rest: either way no stored name carries one.
    for stored in RoadmapVersion.objects.values_list("original_filename", flat=True):
        assert not any(ch in stored for ch in "\u202e\u3164")
