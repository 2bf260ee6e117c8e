"""The REST API base every app's `api/` builds on (viewsets, serializers, errors, export)."""
