from django.urls import path

from portal.workprogramme import views

app_name = "workprogramme"

urlpatterns = [
    path("", views.WorkProgrammeView.as_view(), name="overview"),
    path("trust-fund/", views.TrustFundView.as_view(), name="trust-fund"),
    path("trust-fund/pledges/new/", views.PledgeCreateView.as_view(), name="pledge-create"),
    path(
        "trust-fund/pledges/<int:pk>/receipts/new/",
        views.ReceiptCreateView.as_view(),
        name="receipt-create",
    ),
    path("trust-fund/rates/new/", views.ExchangeRateCreateView.as_view(), name="rate-create"),
    path("landscape/", views.LandscapeView.as_view(), name="landscape"),
    path("landscape/export/", views.LandscapeExportView.as_view(), name="landscape-export"),
    path("landscape/supports/new/", views.SupportCreateView.as_view(), name="support-create"),
    path("peers/<int:pk>/", views.PeerLearningView.as_view(), name="peer-learning"),
    path(
        "peers/<int:pk>/exchanges/new/",
        views.PeerExchangeCreateView.as_view(),
        name="exchange-create",
    ),
    path("outputs/", views.SupportOutputListView.as_view(), name="output-list"),
    path("outputs/new/", views.SupportOutputCreateView.as_view(), name="output-create"),
    path("consents/", views.ConsentListView.as_view(), name="consent-list"),
    path("consents/new/", views.ConsentCreateView.as_view(), name="consent-create"),
    path(
        "consents/<int:pk>/withdraw/", views.ConsentWithdrawView.as_view(), name="consent-withdraw"
    ),
    path(
        "pilots/<int:pk>/country-records/",
        views.CountryRecordLinkView.as_view(),
        name="country-record-set",
    ),
    path("report.pdf", views.ProgrammeReportView.as_view(), name="report"),
]
