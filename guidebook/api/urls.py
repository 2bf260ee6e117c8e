from rest_framework.routers import SimpleRouter

from guidebook.api import views

router = SimpleRouter()
router.register("guidebook-editions", views.GuidebookEditionViewSet, basename="guidebook-edition")
router.register("guidebook-chapters", views.ChapterViewSet, basename="chapter")
router.register("guidebook-drafts", views.ChapterDraftViewSet, basename="guidebook-draft")
router.register("guidebook-comments", views.CommentViewSet, basename="guidebook-comment")
router.register(
    "guidebook-outline-versions", views.OutlineVersionViewSet, basename="guidebook-outline-version"
)
router.register(
    "guidebook-background-papers",
    views.BackgroundPaperViewSet,
    basename="guidebook-background-paper",
)

urlpatterns = router.urls
