"""API endpoints for organisations and milestones."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view

from base.api.base import WritableScopedViewSet
from base.httpcache import app_models
from programme.api.serializers import MilestoneSerializer, OrganisationSerializer
from programme.filtersets import MilestoneFilterSet, OrganisationFilterSet
from programme.models import Organisation
from programme.rules import programme_record_can_keep
from programme.selectors import milestone_list, organisation_list
from programme.subjects import subject_app_labels


@extend_schema_view(
    list=extend_schema(summary="List organisations"),
    retrieve=extend_schema(summary="One organisation"),
    create=extend_schema(summary="Add an organisation (secretariat)"),
    update=extend_schema(summary="Replace an organisation's details (secretariat)"),
    partial_update=extend_schema(summary="Change some of an organisation's details (secretariat)"),
)
class OrganisationViewSet(WritableScopedViewSet):
    """UN entities, governments, funders and institutes taking part in the programme."""

    selector = staticmethod(organisation_list)
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilterSet
    search_fields = ("name", "acronym")
    ordering_fields = ("name", "acronym", "kind")
    write_rule = staticmethod(programme_record_can_keep)
    # The organisations and their countries (a model of the pilots app above this one,
    # reached through the relation).
    cache_models = (Organisation, Organisation._meta.get_field("country").related_model)


@extend_schema_view(
    list=extend_schema(summary="List milestones"),
    retrieve=extend_schema(summary="One milestone"),
    create=extend_schema(summary="Add a milestone (secretariat)"),
    update=extend_schema(summary="Replace a milestone (secretariat)"),
    partial_update=extend_schema(summary="Change a milestone (secretariat)"),
)
class MilestoneViewSet(WritableScopedViewSet):
    """The programme's dated commitments; partners see the public ones."""

    selector = staticmethod(milestone_list)
    serializer_class = MilestoneSerializer
    filterset_class = MilestoneFilterSet
    search_fields = ("title", "description")
    ordering_fields = ("due_on", "title", "status")
    write_rule = staticmethod(programme_record_can_keep)

    @property
    def cache_models(self):
        # The rows, their owners and countries, and what each subject (registered by the
        # feature apps, read by label: no import) and its owners rule read.
        return app_models("programme", "pilots", "auth", *sorted(subject_app_labels()))
