from django.urls import path

from portal.people import views

app_name = "people"

urlpatterns = [
    path("", views.PersonListView.as_view(), name="person-list"),
    path("invite/", views.PersonInviteView.as_view(), name="person-invite"),
    path("<int:pk>/", views.PersonRolesView.as_view(), name="person-roles"),
    path(
        "<int:pk>/roles/<str:role>/remove/",
        views.PersonRoleRemoveView.as_view(),
        name="person-role-remove",
    ),
    path("<int:pk>/deactivate/", views.PersonDeactivateView.as_view(), name="person-deactivate"),
    path("<int:pk>/reinvite/", views.PersonReinviteView.as_view(), name="person-reinvite"),
    path(
        "<int:pk>/two-factor/reset/",
        views.PersonTwoFactorResetView.as_view(),
        name="person-two-factor-reset",
    ),
]
