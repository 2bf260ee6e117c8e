from django.contrib import admin

from portal.models import (
    CountryRecordLink,
    ExchangeRate,
    PeerExchange,
    PeerExchangeRequest,
    SupportOutput,
    TrustFund,
    TrustFundContribution,
    TrustFundReceipt,
)


@admin.register(TrustFund)
class TrustFundAdmin(admin.ModelAdmin):
    list_display = ("name", "established_on", "administered_by")
    search_fields = ("name",)


class TrustFundReceiptInline(admin.TabularInline):
    model = TrustFundReceipt
    extra = 0
    fields = ("amount", "received_on", "reference")


@admin.register(TrustFundContribution)
class TrustFundContributionAdmin(admin.ModelAdmin):
    list_display = ("donor", "amount", "currency", "pledged_on", "component", "fund")
    list_filter = ("currency", "component", "fund")
    inlines = [TrustFundReceiptInline]
    search_fields = ("donor__name", "donor__acronym", "note")
    list_select_related = ("donor", "component")
    autocomplete_fields = ("donor",)
    date_hierarchy = "pledged_on"


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    list_display = ("currency", "usd_per_unit", "rate_on", "source", "recorded_by")
    list_filter = ("currency",)
    date_hierarchy = "rate_on"


@admin.register(PeerExchange)
class PeerExchangeAdmin(admin.ModelAdmin):
    list_display = ("learner", "peer", "held_on", "topic")
    search_fields = ("topic", "participants", "notes")
    list_select_related = ("learner__country", "peer__country")
    date_hierarchy = "held_on"


@admin.register(PeerExchangeRequest)
class PeerExchangeRequestAdmin(admin.ModelAdmin):
    list_display = ("learner", "suggested_peer", "topic", "requested_at")
    search_fields = ("topic", "note", "learner__country__name")
    list_select_related = ("learner__country", "suggested_peer__country")
    raw_id_fields = ("learner", "suggested_peer")


@admin.register(SupportOutput)
class SupportOutputAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "published_on", "is_public")
    list_filter = ("kind", "is_public", "components")
    search_fields = ("title", "summary")
    filter_horizontal = ("organisations", "components")


@admin.register(CountryRecordLink)
class CountryRecordLinkAdmin(admin.ModelAdmin):
    list_display = ("country", "source", "record")
    list_filter = ("source",)
    search_fields = ("country__name", "record")
    autocomplete_fields = ("country",)


@admin.register(TrustFundReceipt)
class TrustFundReceiptAdmin(admin.ModelAdmin):
    list_display = ("pledge", "amount", "received_on", "reference")
    list_filter = ("pledge__currency",)
    search_fields = ("pledge__donor__name", "pledge__donor__acronym", "reference")
    list_select_related = ("pledge__donor",)
    raw_id_fields = ("pledge",)
    date_hierarchy = "received_on"
