from rest_framework.routers import SimpleRouter

from guidebook.api import views

router = SimpleRouter()
router.register("guidebook-editions", views.GuidebookEditionViewSet, basename="guidebook-edition")
router.register("guidebook-chapters", views.ChapterViewSet, basename="chapter")

urlpatterns = router.urls
