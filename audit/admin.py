"""Each tracked model's admin page gains a "History" button listing every saved change.

This app is listed after the tracked apps, so their admin classes are registered by now; each
is registered again with django-simple-history's admin mixed in, keeping all its own options.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from audit.models import tracked_models

for _model in tracked_models():
    _current = admin.site._registry.get(_model)
    if _current is None:
        continue
    _base = type(_current)
    admin.site.unregister(_model)
    admin.site.register(_model, type(f"History{_base.__name__}", (SimpleHistoryAdmin, _base), {}))
