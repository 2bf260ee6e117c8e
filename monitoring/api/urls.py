from rest_framework.routers import SimpleRouter

from monitoring.api import views

router = SimpleRouter()
router.register("sdg-indicators", views.SdgIndicatorViewSet, basename="sdg-indicator")
router.register("results-frameworks", views.ResultsFrameworkViewSet, basename="results-framework")
router.register("results-indicators", views.IndicatorViewSet, basename="results-indicator")
router.register("reporting-periods", views.ReportingPeriodViewSet, basename="reporting-period")
router.register("country-updates", views.CountryUpdateViewSet, basename="country-update")

urlpatterns = router.urls
