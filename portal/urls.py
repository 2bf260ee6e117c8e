from django.urls import path

from portal import signin, views
from portal.people.views import InvitationAcceptView
from portal.search.views import SearchView

app_name = "programme"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    # Browsers ask for /favicon.ico whatever the page says; the icon is a static file.
    path("favicon.ico", views.FaviconView.as_view(), name="favicon"),
    path("organisations/", views.OrganisationListView.as_view(), name="organisation-list"),
    path("milestones/", views.MilestoneListView.as_view(), name="milestone-list"),
    path("milestones/new/", views.MilestoneCreateView.as_view(), name="milestone-create"),
    path("milestones/<int:pk>/", views.MilestoneDetailView.as_view(), name="milestone-detail"),
    path("milestones/<int:pk>/edit/", views.MilestoneUpdateView.as_view(), name="milestone-update"),
    path("timeline/", views.TimelineView.as_view(), name="timeline"),
    path("search/", SearchView.as_view(), name="search"),
    path("accounts/reminders/", views.AccountRemindersView.as_view(), name="account-reminders"),
    path(
        "accounts/notifications/",
        views.AccountNotificationsView.as_view(),
        name="account-notifications",
    ),
    path(
        "accounts/notifications/mute/<str:token>/",
        views.NotificationMuteView.as_view(),
        name="notification-mute",
    ),
    path("accounts/language/", views.LanguageSetView.as_view(), name="language-set"),
    path(
        "accounts/invitation/<str:token>/",
        InvitationAcceptView.as_view(),
        name="invitation-accept",
    ),
    path("accounts/sign-in/code/", signin.SignInCodeView.as_view(), name="signin-code"),
    path("accounts/two-factor/", signin.TwoFactorView.as_view(), name="two-factor"),
    path(
        "accounts/two-factor/setup/",
        signin.TwoFactorSetupView.as_view(),
        name="two-factor-setup",
    ),
    path(
        "accounts/reminders/calendar-reset/",
        views.CalendarResetView.as_view(),
        name="calendar-reset",
    ),
    path("reminders/mute/<str:token>/", views.ReminderMuteView.as_view(), name="reminder-mute"),
    path("calendar/public.ics", views.PublicCalendarView.as_view(), name="calendar-public"),
    path("calendar/<str:token>.ics", views.PrivateCalendarView.as_view(), name="calendar-private"),
    path("accounts/sign-in-locks/", views.SignInLockListView.as_view(), name="signin-lock-list"),
    path(
        "accounts/sign-in-locks/lift/", views.SignInLockLiftView.as_view(), name="signin-lock-lift"
    ),
    path("api-tokens/", views.ApiTokenListView.as_view(), name="api-token-list"),
    path("api-tokens/new/", views.ApiTokenCreateView.as_view(), name="api-token-create"),
    path(
        "api-tokens/<int:pk>/revoke/", views.ApiTokenRevokeView.as_view(), name="api-token-revoke"
    ),
]
