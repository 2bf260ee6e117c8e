from django.urls import path

from egm import views

app_name = "egm"

urlpatterns = [
    path("", views.MeetingListView.as_view(), name="meeting-list"),
    path("new/", views.MeetingCreateView.as_view(), name="meeting-create"),
    path("<int:pk>/", views.MeetingDetailView.as_view(), name="meeting-detail"),
    path("<int:pk>/edit/", views.MeetingUpdateView.as_view(), name="meeting-update"),
    path("<int:pk>/calendar.ics", views.MeetingCalendarView.as_view(), name="meeting-ical"),
    path("<int:pk>/my-participation/", views.ParticipationView.as_view(), name="participation"),
    path("answer/<str:token>/", views.AnswerByLinkView.as_view(), name="answer"),
    path("register/<str:token>/", views.RegisterView.as_view(), name="register"),
    path("<int:pk>/participants/invite/", views.InviteView.as_view(), name="participant-invite"),
    path("<int:pk>/attendance/", views.AttendanceView.as_view(), name="attendance"),
    path("<int:pk>/participants/", views.ParticipantListView.as_view(), name="participant-list"),
    path(
        "<int:pk>/participants/new/",
        views.ParticipantCreateView.as_view(),
        name="participant-create",
    ),
    path(
        "<int:pk>/participants/<int:participant_pk>/edit/",
        views.ParticipantUpdateView.as_view(),
        name="participant-update",
    ),
    path(
        "<int:pk>/participants/<int:participant_pk>/remove/",
        views.ParticipantRemoveView.as_view(),
        name="participant-remove",
    ),
    path(
        "<int:pk>/participants/import/",
        views.ParticipantImportView.as_view(),
        name="participant-import",
    ),
    path(
        "<int:pk>/participants/export/",
        views.AttendanceExportView.as_view(),
        name="participant-export",
    ),
    path("<int:pk>/agenda/publish/", views.AgendaPublishView.as_view(), name="agenda-publish"),
    path("<int:pk>/sessions/new/", views.SessionCreateView.as_view(), name="session-create"),
    path(
        "<int:pk>/sessions/<int:session_pk>/edit/",
        views.SessionUpdateView.as_view(),
        name="session-update",
    ),
    path("<int:pk>/documents/new/", views.DocumentCreateView.as_view(), name="document-create"),
    path(
        "<int:pk>/documents/<int:document_pk>/versions/new/",
        views.DocumentVersionCreateView.as_view(),
        name="document-version-create",
    ),
    path("<int:pk>/outcomes/new/", views.OutcomeCreateView.as_view(), name="outcome-create"),
    path("<int:pk>/actions/new/", views.ActionItemCreateView.as_view(), name="action-create"),
    path("<int:pk>/comments/", views.CommentCreateView.as_view(), name="comment-create"),
    path("actions/<int:pk>/", views.ActionItemDetailView.as_view(), name="action-detail"),
    path("actions/<int:pk>/status/", views.ActionItemStatusView.as_view(), name="action-status"),
    path(
        "documents/versions/<int:pk>/download/",
        views.DocumentDownloadView.as_view(),
        name="document-download",
    ),
    path("tracks/", views.TrackListView.as_view(), name="track-list"),
    path("tracks/new/", views.TrackCreateView.as_view(), name="track-create"),
    path("tracks/<slug:slug>/", views.TrackDetailView.as_view(), name="track-detail"),
    path("tracks/<slug:slug>/edit/", views.TrackUpdateView.as_view(), name="track-update"),
    path("advisory-group/", views.AdvisoryGroupView.as_view(), name="advisory-group"),
    path(
        "advisory-group/new/",
        views.AdvisoryMembershipCreateView.as_view(),
        name="advisory-membership-create",
    ),
    path(
        "advisory-group/<int:pk>/edit/",
        views.AdvisoryMembershipUpdateView.as_view(),
        name="advisory-membership-update",
    ),
]
