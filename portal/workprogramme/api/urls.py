from rest_framework.routers import SimpleRouter

from portal.workprogramme.api import views

router = SimpleRouter()
router.register("components", views.ComponentViewSet, basename="component")
router.register("support-landscape", views.SupportViewSet, basename="support")
router.register("trust-fund-totals", views.TrustFundTotalViewSet, basename="trust-fund-total")

router.register("country-records", views.CountryRecordLinkViewSet, basename="country-record")
router.register(
    "peer-exchange-requests", views.PeerExchangeRequestViewSet, basename="peer-exchange-request"
)

urlpatterns = router.urls
