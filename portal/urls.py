from django.urls import path

from portal import views

app_name = "programme"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("organisations/", views.OrganisationListView.as_view(), name="organisation-list"),
    path("milestones/", views.MilestoneListView.as_view(), name="milestone-list"),
    path("timeline/", views.TimelineView.as_view(), name="timeline"),
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
