from django.urls import path

from guidebook import views

app_name = "guidebook"

urlpatterns = [
    path("", views.GuidebookEditionListView.as_view(), name="edition-list"),
    path("editions/new/", views.EditionCreateView.as_view(), name="edition-create"),
    path("editions/<int:pk>/", views.EditionDetailView.as_view(), name="edition-detail"),
    path("editions/<int:pk>/edit/", views.EditionUpdateView.as_view(), name="edition-update"),
    path("editions/<int:pk>/board/", views.ChapterBoardView.as_view(), name="chapter-board"),
    path("editions/<int:pk>/outline/", views.OutlineHistoryView.as_view(), name="outline-history"),
    path(
        "editions/<int:pk>/outline/new/",
        views.OutlineVersionCreateView.as_view(),
        name="outline-create",
    ),
    path(
        "editions/<int:pk>/documents/new/",
        views.DocumentVersionCreateView.as_view(),
        name="document-create",
    ),
    path(
        "editions/<int:pk>/chapters/new/", views.ChapterCreateView.as_view(), name="chapter-create"
    ),
    path("documents/<int:pk>/file/", views.DocumentFileView.as_view(), name="document-file"),
    path("chapters/<int:pk>/", views.ChapterDetailView.as_view(), name="chapter-detail"),
    path("chapters/<int:pk>/edit/", views.ChapterUpdateView.as_view(), name="chapter-update"),
    path("chapters/<int:pk>/move/", views.ChapterTransitionView.as_view(), name="chapter-move"),
    path("chapters/<int:pk>/drafts/new/", views.DraftCreateView.as_view(), name="draft-create"),
    path("chapters/<int:pk>/diff/", views.DraftDiffView.as_view(), name="draft-diff"),
    path("chapters/<int:pk>/comments/", views.CommentCreateView.as_view(), name="comment-create"),
    path(
        "chapters/<int:pk>/invitations/",
        views.InvitationCreateView.as_view(),
        name="invitation-create",
    ),
    path("drafts/<int:pk>/file/", views.DraftFileView.as_view(), name="draft-file"),
    path("comments/<int:pk>/respond/", views.CommentRespondView.as_view(), name="comment-respond"),
    path(
        "invitations/<int:pk>/delete/",
        views.InvitationDeleteView.as_view(),
        name="invitation-delete",
    ),
    path("papers/", views.BackgroundPaperListView.as_view(), name="paper-list"),
    path("papers/new/", views.BackgroundPaperCreateView.as_view(), name="paper-create"),
    path("papers/<int:pk>/file/", views.BackgroundPaperFileView.as_view(), name="paper-file"),
]
