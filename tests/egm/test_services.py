"""Meeting services: participant import (good file, bad rows, wrong format), action items and
their milestones, the thread of open actions through a series, document versions."""

import datetime as dt
import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from base.errors import NotPermitted
from egm.models import ActionItem, Document, DocumentVersion, Participant
from egm.selectors import carried_over_actions
from egm.services import (
    action_item_add,
    action_item_update,
    comment_add,
    document_add,
    document_version_add,
    participants_import,
)
from programme.choices import MilestoneKind, MilestoneStatus, Role
from programme.models import Milestone
from tests.factories import (
    MINIMAL_PDF,
    MeetingFactory,
    OrganisationFactory,
    ParticipantFactory,
    UserFactory,
    action_item,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db):
    return UserFactory(roles=[Role.SECRETARIAT])


def csv_file(text: str, name: str = "list.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), "text/csv")


def xlsx_file(rows: list[list[str]]) -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("list.xlsx", buffer.getvalue())


GOOD_CSV = (
    "Name,Email,Organisation,Country,Level,Category,Status\n"
    "Ama Mensah,ama@example.gh,UNESCO,GHA,Expert,IATT member,Invited\n"
    "Wanjiku Kamau,wanjiku@example.ke,Kenya Institute,Kenya,practitioner,pilot_ongoing,registered\n"
)


# --- Import -----------------------------------------------------------------------------------


def test_a_good_csv_is_previewed_then_imported(staff, reference_data):
    OrganisationFactory(name="United Nations Educational", acronym="UNESCO")
    meeting = MeetingFactory(upcoming=True)
    preview = participants_import(actor=staff, meeting=meeting, file=csv_file(GOOD_CSV))
    assert [row.ok for row in preview.rows] == [True, True]
    assert not Participant.objects.filter(meeting=meeting).exists()  # a preview writes nothing

    report = participants_import(
        actor=staff, meeting=meeting, file=csv_file(GOOD_CSV), mode="good_rows"
    )
    assert report.created == 2
    ama, wanjiku = Participant.objects.filter(meeting=meeting).order_by("full_name")
    assert (ama.organisation.acronym, ama.country.iso3, ama.level, ama.category) == (
        "UNESCO", "GHA", "expert", "iatt_member",
    )  # fmt: skip
    assert ama.email == "ama@example.gh"
    # An organisation not in the directory is kept as given, not invented.
    assert (wanjiku.organisation, wanjiku.affiliation) == (None, "Kenya Institute")
    assert wanjiku.status == "registered"


def test_a_good_xlsx_is_imported(staff, reference_data):
    meeting = MeetingFactory(upcoming=True)
    file = xlsx_file([["name", "level", "country"], ["Dragan Petrović", "expert", "SRB"]])
    report = participants_import(actor=staff, meeting=meeting, file=file, mode="good_rows")
    assert report.created == 1
    assert meeting.participants.get().country.iso3 == "SRB"


BAD_ROWS_CSV = (
    "name,email,level,country,status\n"
    "Good Person,good@example.org,expert,GHA,invited\n"  # line 2: fine
    ",nobody@example.org,expert,,\n"  # line 3: no name
    "Bad Email,not-an-email,expert,,\n"  # line 4
    "Odd Level,odd@example.org,guru,,\n"  # line 5
    "Nowhere,now@example.org,expert,Atlantis,\n"  # line 6
    "Already There,x@example.org,expert,,\n"  # line 7: on the list already
    "good person,other@example.org,expert,,\n"  # line 8: twice in the file
)


def test_bad_rows_are_reported_by_line_and_column(staff, reference_data):
    meeting = MeetingFactory(upcoming=True)
    ParticipantFactory(meeting=meeting, full_name="Already There")
    report = participants_import(actor=staff, meeting=meeting, file=csv_file(BAD_ROWS_CSV))
    errors = {row.line: set(row.errors) for row in report.rows}
    assert errors == {
        2: set(),
        3: {"full_name"},
        4: {"email"},
        5: {"level"},
        6: {"country"},
        7: {"full_name"},
        8: {"full_name"},
    }


def test_the_user_imports_the_good_rows_only(staff, reference_data):
    meeting = MeetingFactory(upcoming=True)
    ParticipantFactory(meeting=meeting, full_name="Already There")
    report = participants_import(
        actor=staff, meeting=meeting, file=csv_file(BAD_ROWS_CSV), mode="good_rows"
    )
    assert report.created == 1
    names = set(meeting.participants.values_list("full_name", flat=True))
    assert names == {"Already There", "Good Person"}


def test_all_or_nothing_imports_nothing_when_a_row_is_bad(staff, reference_data):
    meeting = MeetingFactory()
    with pytest.raises(ValidationError) as exc:
        participants_import(
            actor=staff, meeting=meeting, file=csv_file(BAD_ROWS_CSV), mode="all_or_nothing"
        )
    assert "nothing was imported" in exc.value.message_dict["file"][0]
    assert not meeting.participants.exists()


@pytest.mark.parametrize(
    "file",
    [
        SimpleUploadedFile("list.pdf", MINIMAL_PDF, "application/pdf"),
        SimpleUploadedFile("list.csv", b"\xff\xfe\x00binary\x00", "text/csv"),
        SimpleUploadedFile("list.xlsx", b"PK\x03\x04 not really a workbook", "application/zip"),
        SimpleUploadedFile("empty.csv", b"", "text/csv"),
        SimpleUploadedFile("cols.csv", b"who,what\nA,B\n", "text/csv"),
    ],
    ids=["pdf", "binary", "broken-xlsx", "empty", "no-columns"],
)
def test_a_wrong_file_is_refused_as_a_whole(staff, reference_data, file):
    meeting = MeetingFactory()
    with pytest.raises(ValidationError) as exc:
        participants_import(actor=staff, meeting=meeting, file=file, mode="good_rows")
    assert "file" in exc.value.message_dict
    assert not meeting.participants.exists()


def test_only_the_secretariat_imports(reference_data):
    adviser = UserFactory(roles=[Role.ADVISORY_GROUP])
    with pytest.raises(NotPermitted):
        participants_import(actor=adviser, meeting=MeetingFactory(), file=csv_file(GOOD_CSV))


# --- Action items -------------------------------------------------------------------------------


def test_an_action_item_needs_an_owner_and_saves_nothing_without_one(staff):
    meeting = MeetingFactory()
    before = Milestone.objects.count()
    with pytest.raises(ValidationError) as exc:
        action_item_add(
            actor=staff, meeting=meeting, title="Draft", owner=None, due_on=dt.date(2030, 1, 1)
        )
    assert "owner" in exc.value.message_dict
    assert Milestone.objects.count() == before
    assert not ActionItem.objects.exists()


def test_an_action_items_due_date_is_a_meeting_milestone_of_its_owner(staff):
    owner = UserFactory(roles=[Role.ADVISORY_GROUP])
    item = action_item(MeetingFactory(), owner=owner, due_on=dt.date(2030, 6, 30))
    milestone = item.milestone
    assert (milestone.kind, milestone.due_on, list(milestone.owners.all())) == (
        MilestoneKind.MEETING, dt.date(2030, 6, 30), [owner],
    )  # fmt: skip
    # The owner sees the milestone (so reminders reach them); others do not.
    assert Milestone.objects.visible_to(owner).filter(pk=milestone.pk).exists()
    assert not Milestone.objects.visible_to(UserFactory()).filter(pk=milestone.pk).exists()

    action_item_update(actor=staff, item=item, due_on=dt.date(2030, 7, 31))
    milestone.refresh_from_db()
    assert milestone.due_on == dt.date(2030, 7, 31)

    action_item_update(actor=owner, item=item, status="done")
    milestone.refresh_from_db()
    assert milestone.status == MilestoneStatus.DONE and milestone.completed_on


def test_only_the_owner_or_the_secretariat_update_an_action_item(staff):
    owner = UserFactory(roles=[Role.REVIEWER])
    item = action_item(MeetingFactory(), owner=owner)
    with pytest.raises(NotPermitted):
        action_item_update(actor=UserFactory(roles=[Role.ADVISORY_GROUP]), item=item, status="done")
    with pytest.raises(NotPermitted):  # an owner reports progress but does not reschedule
        action_item_update(actor=owner, item=item, due_on=dt.date(2031, 1, 1))
    item.refresh_from_db()
    assert item.status == "open"


# --- The thread through a series --------------------------------------------------------------


def test_open_actions_carry_over_to_later_meetings_of_the_series(staff):
    from egm.models import MeetingSeries

    series = MeetingSeries.objects.create(name="EGMs", slug="egms")
    other = MeetingSeries.objects.create(name="Asia track", slug="asia")
    egm1 = MeetingFactory(
        series=series, start_date=dt.date(2018, 3, 26), end_date=dt.date(2018, 3, 27)
    )
    egm2 = MeetingFactory(
        series=series, start_date=dt.date(2018, 5, 8), end_date=dt.date(2018, 5, 9)
    )
    egm3 = MeetingFactory(
        series=series, start_date=dt.date(2018, 11, 27), end_date=dt.date(2018, 11, 29)
    )
    elsewhere = MeetingFactory(
        series=other, start_date=dt.date(2018, 1, 1), end_date=dt.date(2018, 1, 1)
    )
    open1 = action_item(egm1, title="Terms of reference for the Guidebook")
    done1 = action_item(egm1, title="Circulate the outline")
    action_item_update(actor=staff, item=done1, status="done")
    progressing2 = action_item(egm2, title="Annotated outline")
    action_item_update(actor=staff, item=progressing2, status="in_progress")
    action_item(egm3, title="Later work")
    action_item(elsewhere, title="Another series")

    def carried(meeting):
        return [a.title for a in carried_over_actions(user=staff, meeting=meeting)]

    assert carried(egm1) == []
    assert carried(egm2) == [open1.title]
    assert carried(egm3) == [open1.title, progressing2.title]
    # Closing an item ends its thread.
    action_item_update(actor=staff, item=open1, status="dropped")
    assert carried(egm3) == [progressing2.title]


def test_carried_over_actions_follow_the_meetings_scope(staff):
    from egm.models import MeetingSeries

    series = MeetingSeries.objects.create(name="EGMs", slug="egms")
    hidden = MeetingFactory(series=series, is_public=False, start_date=dt.date(2018, 3, 26))
    later = MeetingFactory(series=series, start_date=dt.date(2018, 5, 8))
    action_item(hidden, title="Planning note")
    focal = UserFactory(roles=[Role.REVIEWER])
    adviser = UserFactory(roles=[Role.ADVISORY_GROUP])
    assert [a.title for a in carried_over_actions(user=staff, meeting=later)] == ["Planning note"]
    assert [a.title for a in carried_over_actions(user=adviser, meeting=later)] == ["Planning note"]
    assert list(carried_over_actions(user=focal, meeting=later)) == []


# --- Documents and comments ------------------------------------------------------------------


def test_document_versions_are_numbered_and_files_follow_the_upload_rules(staff):
    meeting = MeetingFactory()
    first = document_add(
        actor=staff,
        meeting=meeting,
        kind="material",
        title="Concept note",
        file=SimpleUploadedFile("concept.pdf", MINIMAL_PDF, "application/pdf"),
        filename="concept.pdf",
    )
    assert (first.number, first.content_type) == (1, "application/pdf")
    second = document_version_add(actor=staff, document=first.document, body="Now as *text*.")
    assert second.number == 2
    with pytest.raises(ValidationError):
        document_version_add(
            actor=staff,
            document=first.document,
            file=SimpleUploadedFile("evil.pdf", b"MZ\x90\x00 not a pdf", "application/pdf"),
            filename="evil.pdf",
        )
    with pytest.raises(ValidationError):
        document_version_add(actor=staff, document=first.document, body="<script>x</script>")
    assert DocumentVersion.objects.filter(document=first.document).count() == 2


def test_a_refused_new_document_leaves_nothing_behind(staff):
    meeting = MeetingFactory()
    with pytest.raises(ValidationError):
        document_add(
            actor=staff, meeting=meeting, kind="minutes", title="Minutes", body="<iframe></iframe>"
        )
    assert not Document.objects.filter(meeting=meeting).exists()


def test_advisers_and_the_secretariat_comment_on_planning_others_do_not(staff):
    meeting = MeetingFactory(is_public=False)
    adviser = UserFactory(roles=[Role.ADVISORY_GROUP])
    assert comment_add(actor=adviser, meeting=meeting, body="Invite ESCAP.").author == adviser
    with pytest.raises(NotPermitted):
        comment_add(actor=UserFactory(roles=[Role.REVIEWER]), meeting=meeting, body="Hello")
    with pytest.raises(ValidationError):
        comment_add(actor=staff, meeting=meeting, body="   ")


def test_the_attendance_export_keeps_would_be_formulas_as_text():
    from egm.imports import attendance_dataset

    participant = ParticipantFactory(full_name='=HYPERLINK("http://evil.example","x")')
    dataset = attendance_dataset([participant], with_contacts=False)
    assert dataset[0][0] == "'" + participant.full_name
    assert dataset.headers == ["name", "organisation", "country", "level", "category", "status"]
