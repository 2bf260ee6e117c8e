"""Shared bases of the web views: a scoped list page, a read page that asks a rule, a form page
and a POST-only action that call one service. Part of the shared base, so it imports nothing
from the other apps.

The form page and the action take a `rule` (an app's `<noun>_<verb>_refusal(user, obj)` from
its `rules.py`) and ask it before acting, as the API does: a role the rule refuses
(`NotPermitted`) gets 403, any other refusal (a workflow state, a missing prerequisite) comes
back as a message. Errors the service raises reach the page through the one adapter,
`base.errors.form_errors_add` (form pages) or `error_messages` (actions).
"""

from __future__ import annotations

import operator
from functools import partial

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView
from django.views.generic.base import ContextMixin
from django_filters.views import FilterView

from base.cache import page_read_key
from base.errors import DomainError, NotPermitted, error_messages, form_errors_add


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

    def get(self, request, *args, **kwargs):
        if not self.cache_models:
            return super().get(request, *args, **kwargs)
        # The filters, rows and pages sit in the template's kept part: they are read (the
        # scoped query built, filtered, counted) only when that part is missing, which costs
        # more than serving it when it is kept.
        self.filterset = SimpleLazyObject(lambda: self.get_filterset(self.get_filterset_class()))
        self.object_list = SimpleLazyObject(self._filtered_rows)
        listing = SimpleLazyObject(self._listing)
        return self.render_to_response(
            self.get_context_data(filter=self.filterset, listing=listing)
        )

    def get_template_names(self):
        # Django's list views also offer a template named after the rows' model, which they
        # read off `object_list`: that would build the rows (the scoped query, filtered) on
        # every request, kept part or not.
        if self.template_name:
            return [self.template_name]
        return super().get_template_names()

    def _filtered_rows(self):
        # As django-filter's FilterView: an invalid filter shows no rows (with its errors).
        filterset = self.filterset
        if not filterset.is_bound or filterset.is_valid() or not self.get_strict():
            return filterset.qs
        return filterset.queryset.none()

    def _listing(self) -> dict:
        """The rows paginated, as Django's list view puts them in the context."""
        rows = self._filtered_rows()  # the filterset keeps its queryset: built once
        page_size = self.get_paginate_by(rows)
        if not page_size:
            return {"paginator": None, "page_obj": None, "is_paginated": False, "object_list": rows}
        paginator, page, rows, is_paginated = self.paginate_queryset(rows, page_size)
        return {
            "paginator": paginator,
            "page_obj": page,
            "is_paginated": is_paginated,
            "object_list": rows,
        }

    def get_context_data(self, **kwargs):
        listing = kwargs.pop("listing", None)
        if listing is None:
            ctx = super().get_context_data(**kwargs)
        else:
            # Django's list view would paginate (count the rows) here; each name is read from
            # the listing only when the template (or a test) asks for it.
            ctx = ContextMixin.get_context_data(self, **kwargs)
            for name in ("paginator", "page_obj", "is_paginated", "object_list"):
                ctx[name] = SimpleLazyObject(partial(operator.getitem, listing, name))
            model = self.get_filterset_class()._meta.model
            ctx[self.context_object_name or f"{model._meta.model_name}_list"] = ctx["object_list"]
        query = self.request.GET.copy()
        query.pop("page", None)
        ctx["querystring"] = query.urlencode()
        if self.cache_models:
            ctx["read_key"] = page_read_key(
                self.request, type(self).__name__, self.cache_models, *self.cache_key_parts()
            )
        return ctx

    def cache_key_parts(self) -> tuple[str, ...]:
        """What else changes the cached rows with no write to `cache_models` (none here)."""
        return ()


class RuleMixin:
    """Asks the view's `rule` before it acts, the way the API's base does.

    `rule` is a refusal function of an app's rules module, called with the user and
    `get_rule_object()` (the object the page acts on, or None). A `NotPermitted` refusal is a
    403; any other refusal is returned for the view to show. Errors the service raises later
    go through `service_error`, so a refusal reached only inside the service is a 403 too.
    """

    rule = None
    # A rule about the role alone (the secretariat's forms) is asked before the objects are
    # loaded, so a refused role learns only that the page is not for it (403), whatever it
    # may see; a rule about the object is asked of the object, once it is in scope (404 first).
    rule_needs_object = True

    def get_rule_object(self):
        return getattr(self, "object", None) if self.rule_needs_object else None

    def rule_refusal(self) -> DomainError | None:
        """The rule's answer for this request, raising 403 for a refused role."""
        rule = type(self).rule
        if rule is None:
            return None
        refusal = rule(self.request.user, self.get_rule_object())
        if isinstance(refusal, NotPermitted):
            raise PermissionDenied(refusal.message)
        return refusal

    @staticmethod
    def service_error(exc: Exception) -> Exception:
        """A service's error, with `NotPermitted` turned into the page's 403."""
        if isinstance(exc, NotPermitted):
            raise PermissionDenied(exc.message) from exc
        return exc


class RulePageMixin(LoginRequiredMixin, RuleMixin):
    """A page that only reads: its `rule` is asked before it shows, 403 for a role the rule
    refuses. A read has no workflow to refuse, so any refusal of its rule is a 403.

    `setup_objects` loads what the page is about (404 outside the user's scope); with
    `rule_needs_object` False the rule is asked of the role first, so a refused role gets 403
    whatever it may see. `allows` is the same rule for the menu and links.
    """

    rule_needs_object = False

    def setup_objects(self) -> None:
        """Load the objects named in the URL (scoped: 404 for what the user may not see)."""

    @classmethod
    def allows(cls, user) -> bool:
        rule = cls.rule
        return rule is not None and rule(user, None) is None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if self.rule_needs_object:
            self.setup_objects()
        refusal = self.rule_refusal()
        if refusal is not None:
            raise PermissionDenied(refusal.message)
        if not self.rule_needs_object:
            self.setup_objects()
        return super().dispatch(request, *args, **kwargs)


class ServiceFormView(LoginRequiredMixin, RuleMixin, FormView):
    """A form page whose valid data goes to one service (`perform`).

    `setup_objects` loads what the page is about (404 outside the user's scope) and `rule` is
    asked (of the object, or first when `rule_needs_object` is False): 403 for a refused role,
    and any other refusal is a message on the page the user came from (`get_refused_url`).
    The service's own refusals come back onto the form through `form_errors_add`, with status
    400; nothing is half-saved because services are atomic. `perform` may return the URL to go
    to next; otherwise `get_success_url()`.
    """

    success_message = _("Saved.")

    def setup_objects(self) -> None:
        """Load the objects named in the URL (scoped: 404 for what the user may not see)."""

    def get_refused_url(self) -> str:
        return self.get_success_url()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if self.rule_needs_object:
            self.setup_objects()
        refusal = self.rule_refusal()
        if not self.rule_needs_object:
            self.setup_objects()
        if refusal is not None:
            messages.error(request, refusal.message)
            return redirect(self.get_refused_url())
        return super().dispatch(request, *args, **kwargs)

    def perform(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            result = self.perform(form)
        except (DomainError, ValidationError) as exc:
            form_errors_add(form, self.service_error(exc))
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(result if isinstance(result, str) else self.get_success_url())

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class RecordFormPageView(ServiceFormView):
    """A small form of a record's own page (GET shows it, POST saves and goes back to the
    record): one template, a title and an intro, the record the form belongs to
    (`get_parent`, by default the rule's object), and "cancel" going back where saving would."""

    template_name = "includes/record_form_page.html"
    title = ""
    intro = ""

    def get_parent(self):
        return self.get_rule_object()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=self.title,
            intro=self.intro,
            parent=self.get_parent(),
            cancel_url=self.get_success_url(),
            **kwargs,
        )


class ServiceActionView(LoginRequiredMixin, RuleMixin, View):
    """A POST-only action: bind `form_class`, call a service in `perform`, report the outcome.

    `rule` is asked first: 403 for a role it refuses. Other refusals by the programme's rules
    (DomainError) and validation errors come back as messages on the page the action was
    taken from; nothing is saved half-way because the service is atomic.
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
        if self.rule_needs_object:
            self.object = self.get_object()
        refusal = self.rule_refusal()
        if not self.rule_needs_object:
            self.object = self.get_object()
        if refusal is not None:
            messages.error(request, refusal.message)
            return redirect(self.get_success_url())
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
            for error in error_messages(self.service_error(exc)):
                messages.error(request, error)
        else:
            messages.success(request, self.success_message)
        return redirect(self.get_success_url())
