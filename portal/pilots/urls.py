from django.urls import path

from portal.pilots import views

app_name = "pilots"

urlpatterns = [
    path("", views.PilotListView.as_view(), name="pilot-list"),
    path("mine/", views.MyCountryView.as_view(), name="my-country"),
    path("new/", views.PilotCreateView.as_view(), name="pilot-create"),
    path("<int:pk>/edit/", views.PilotUpdateView.as_view(), name="pilot-update"),
    path("cohorts/", views.CohortListView.as_view(), name="cohort-list"),
    path("cohorts/new/", views.CohortCreateView.as_view(), name="cohort-create"),
    path("cohorts/<int:pk>/edit/", views.CohortUpdateView.as_view(), name="cohort-update"),
    path("<int:pk>/", views.PilotDetailView.as_view(), name="pilot-detail"),
    path("<int:pk>/status/", views.PilotTransitionView.as_view(), name="pilot-transition"),
    path("<int:pk>/steps/<int:step>/", views.PilotStepUpdateView.as_view(), name="pilot-step"),
    path("<int:pk>/supports/", views.PilotSupportCreateView.as_view(), name="support-create"),
    path(
        "<int:pk>/supports/<int:item>/end/", views.PilotSupportEndView.as_view(), name="support-end"
    ),
    path("<int:pk>/task-team/", views.TaskTeamMemberAddView.as_view(), name="task-team-add"),
    path(
        "<int:pk>/task-team/<int:item>/remove/",
        views.TaskTeamMemberRemoveView.as_view(),
        name="task-team-remove",
    ),
    path("<int:pk>/focal-points/", views.FocalPointLinkView.as_view(), name="focal-point-link"),
    path(
        "<int:pk>/focal-points/<int:item>/unlink/",
        views.FocalPointUnlinkView.as_view(),
        name="focal-point-unlink",
    ),
    # What a country keeps of its own record: each form on a page of its own.
    path("<int:pk>/steps/<int:step>/edit/", views.CountryStepView.as_view(), name="step-edit"),
    path(
        "<int:pk>/task-team/people/new/",
        views.TaskTeamPersonAddView.as_view(),
        name="team-person-add",
    ),
    path(
        "<int:pk>/task-team/people/<int:item>/remove/",
        views.TaskTeamPersonRemoveView.as_view(),
        name="team-person-remove",
    ),
    path(
        "<int:pk>/country-records/edit/",
        views.CountryRecordsView.as_view(),
        name="country-records-edit",
    ),
    path(
        "<int:pk>/peer-exchanges/request/",
        views.PeerExchangeRequestView.as_view(),
        name="exchange-request",
    ),
]
