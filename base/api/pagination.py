"""Pages of 50 rows by default; callers may ask for up to 500 with `page_size`."""

from rest_framework.pagination import PageNumberPagination


class ApiPagination(PageNumberPagination):
    """Page-number pagination with a capped page size (bulk readers use the export instead)."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_paginated_response_schema(self, schema):
        described = super().get_paginated_response_schema(schema)
        properties = described["properties"]
        properties["count"]["description"] = "How many rows match, over all pages."
        properties["next"]["description"] = "URL of the next page; null on the last page."
        properties["previous"]["description"] = "URL of the previous page; null on the first."
        if isinstance(properties["results"], dict):
            # (Spectacular also calls this with a placeholder to lay out examples.)
            properties["results"]["description"] = "The rows on this page."
        for key in ("next", "previous"):
            properties[key]["example"] = "https://sti-roadmaps.example.org/api/v1/pilots/?page=2"
        return described
