"""Shared bases of the web views: a scoped list page and a POST-only service action. Part of
the shared base, so it imports nothing from the other apps."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views import View
from django_filters.views import FilterView

from base.cache import page_read_key
from base.errors import DomainError, error_messages


class ScopedFilterView(LoginRequiredMixin, FilterView):
    """A list page: rows come from the app's selector (scoped to the user), then its FilterSet.

    Subclasses set `selector` (a function taking `user=`) and `filterset_class`. One that
    names `cache_models` (every model its rows and filters read) gets `read_key` in its
    context: its template caches the filters and rows under it (base.cache), so they are
    built again only after a write to one of those models.
    """

    selector = None
    paginate_by = 50
    cache_models: tuple = ()

    def get_queryset(self):
        return type(self).selector(user=self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        ctx["querystring"] = query.urlencode()
        if self.cache_models:
            ctx["read_key"] = page_read_key(self.request, type(self).__name__, self.cache_models)
        return ctx


class ServiceActionView(LoginRequiredMixin, View):
    """A POST-only action: bind `form_class`, call a service in `perform`, report the outcome.

    Refusals by the programme's rules (DomainError) and validation errors come back as
    messages on the page the action was taken from; nothing is saved half-way because the
    service is atomic.
    """

    form_class: type[forms.Form] | None = None
    success_message = _("Saved.")
    http_method_names = ["post"]

    def get_object(self):
        raise NotImplementedError

    def get_form_kwargs(self) -> dict:
        return {}

    def perform(self, form):
        raise NotImplementedError

    def get_success_url(self) -> str:
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = (
            self.form_class(request.POST, request.FILES, **self.get_form_kwargs())
            if self.form_class
            else None
        )
        if form is not None and not form.is_valid():
            for field, errors in form.errors.items():
                label = form.fields[field].label if field in form.fields else ""
                for error in errors:
                    messages.error(request, f"{label}: {error}" if label else error)
            return redirect(self.get_success_url())
        try:
            self.perform(form)
        except (DomainError, ValidationError) as exc:
            for error in error_messages(exc):
                messages.error(request, error)
        else:
            messages.success(request, self.success_message)
        return redirect(self.get_success_url())
