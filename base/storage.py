"""Where uploaded files live: local disk by default, an S3-compatible object store when
AWS_STORAGE_BUCKET_NAME is set, so several web servers and workers read the same files.

The apps' FileFields name their own local storage (roadmap drafts: the private folder, never
served by URL). With an object store configured, `use_shared_file_storage` points every
FileField at it once the apps are loaded, so no app's model or migration changes with the
deployment. Objects stay private (no ACL, signed URLs only); drafts are still streamed only
through the views that check permissions.
"""

from __future__ import annotations

import os

from django.apps import apps
from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.db import models


def object_store_configured() -> bool:
    return bool(settings.AWS_STORAGE_BUCKET_NAME)


def use_shared_file_storage(storage: Storage | None = None) -> list[models.FileField]:
    """Point every FileField at the object store (or `storage`); returns the fields moved.
    Does nothing when no object store is configured and no storage is given."""
    if storage is None:
        if not object_store_configured():
            return []
        storage = storages["default"]
    moved = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                field.storage = storage
                moved.append(field)
    return moved


class PrivateStorage(FileSystemStorage):
    """Files that are never served by URL: roadmap drafts, meeting documents, Guidebook drafts
    and monitoring evidence live here, downloaded only through views that check permissions.
    The folder is read from settings on every use, so tests and deployments can move it without
    a migration."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no URL; download them through a view.")

    def deconstruct(self):
        return ("base.storage.PrivateStorage", (), {})


def private_storage() -> PrivateStorage:
    return PrivateStorage()
