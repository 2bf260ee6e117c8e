"""Signing in with a second factor (django-otp), and turning it on and off.

The password comes first (Django's form, through django-axes, so a locked-out username is
refused before its password is checked); a person with a confirmed authenticator is then asked
for a code before the session is theirs. A wrong code counts as a failed sign-in for django-axes
(the same lockout, the same page), and a right one signs in and marks the session verified.
"""

from __future__ import annotations

import io
import time
from base64 import b32encode
from binascii import unhexlify

import qrcode
import qrcode.image.svg
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, user_login_failed
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.views import View
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from base.errors import DomainError, form_errors_add
from base.security import locked_out_response
from programme.forms import TwoFactorCodeForm
from programme.models import User
from programme.rules import two_factor_can_turn_off, two_factor_required
from programme.services import (
    two_factor_setup_confirm,
    two_factor_setup_start,
    two_factor_turn_off,
)

# The session key of a sign-in waiting for its code: who, through which backend, since when.
PENDING = "signin_pending"


def _safe_next(request, target: str) -> str:
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return settings.LOGIN_REDIRECT_URL


class SignInView(auth_views.LoginView):
    """Django's sign-in page; with a second factor on, a right password leads to the code step
    instead of a session.

    Someone already signed in is sent on (to `next`, or their dashboard): the public site's
    pages show nothing of their reader, so their "Sign in" link is offered to everyone."""

    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if not user_has_device(user, confirmed=True):
            return super().form_valid(form)
        self.request.session[PENDING] = {
            "user": user.pk,
            "backend": user.backend,
            "since": time.time(),
            "next": self.get_success_url(),
        }
        return redirect("programme:signin-code")


class SignInCodeView(View):
    """The second step of signing in: a code from the authenticator app or a recovery code."""

    template_name = "registration/signin_code.html"

    def dispatch(self, request, *args, **kwargs):
        pending = request.session.get(PENDING) or {}
        fresh = time.time() - pending.get("since", 0) < settings.OTP_PENDING_SECONDS
        self.person = (
            User.objects.filter(pk=pending.get("user"), is_active=True).first() if fresh else None
        )
        if self.person is None:
            request.session.pop(PENDING, None)
            messages.info(request, gettext("Sign in with your password first."))
            return redirect("login")
        self.pending = pending
        return super().dispatch(request, *args, **kwargs)

    def _render(self, request, form, status=200):
        return render(request, self.template_name, {"form": form}, status=status)

    def get(self, request):
        return self._render(request, TwoFactorCodeForm())

    def post(self, request):
        credentials = {"username": self.person.get_username()}
        if not AxesProxyHandler.is_allowed(request, credentials):
            request.session.pop(PENDING, None)
            return locked_out_response(request, credentials=credentials)
        form = TwoFactorCodeForm(request.POST)
        device = match_token(self.person, form.cleaned_data["token"]) if form.is_valid() else None
        if device is None:
            # Counted as a failed sign-in, so guessing codes meets the same lockout.
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            if not AxesProxyHandler.is_allowed(request, credentials):
                request.session.pop(PENDING, None)
                return locked_out_response(request, credentials=credentials)
            if form.is_valid():
                form.add_error("token", gettext("This code is not right. Try the next one."))
            return self._render(request, form, status=400)
        request.session.pop(PENDING, None)
        login(request, self.person, backend=self.pending["backend"])
        otp_login(request, device)
        return redirect(_safe_next(request, self.pending.get("next", "")))


def _qr_svg(url: str) -> str:
    # An SVG drawn with paths and fill attributes only (no inline style: the CSP forbids it).
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    return svg[svg.index("<svg") :]


class TwoFactorView(LoginRequiredMixin, View):
    """A person's two-factor sign-in: on or off, with the way to set it up or turn it off."""

    template_name = "registration/two_factor.html"

    def get(self, request):
        return render(
            request,
            self.template_name,
            {
                "enabled": user_has_device(request.user, confirmed=True),
                "required": two_factor_required(request.user),
                "can_turn_off": two_factor_can_turn_off(request.user),
            },
        )

    def post(self, request):
        try:
            two_factor_turn_off(actor=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, gettext("Two-factor sign-in is off."))
        return redirect("programme:two-factor")


class TwoFactorSetupView(LoginRequiredMixin, View):
    """Turn two-factor sign-in on: scan the code (or type the secret), confirm with a code;
    the recovery codes are shown once, on the answer page.

    A person who already has a second factor proves it first by signing in with it (the session
    is verified); only then may they replace it."""

    template_name = "registration/two_factor_setup.html"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if (
            user.is_authenticated
            and user_has_device(user, confirmed=True)
            and not user.is_verified()
        ):
            messages.error(request, gettext("Sign in with your current code first."))
            return redirect("programme:two-factor")
        return super().dispatch(request, *args, **kwargs)

    def _device(self, request) -> TOTPDevice:
        device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
        return device or two_factor_setup_start(actor=request.user)

    def _render(self, request, form, status=200):
        # Recovery codes come after this step: here only the app's code will do.
        form.fields["token"].help_text = gettext("The six digits your authenticator app shows now.")
        device = self._device(request)
        response = render(
            request,
            self.template_name,
            {
                "form": form,
                "qr": mark_safe(_qr_svg(device.config_url)),  # drawn here from our own data
                "secret": _spaced(device.key),
                "required": two_factor_required(request.user),
                "next": request.GET.get("next", ""),
            },
            status=status,
        )
        response["Cache-Control"] = "no-store"
        return response

    def get(self, request):
        return self._render(request, TwoFactorCodeForm())

    def post(self, request):
        form = TwoFactorCodeForm(request.POST)
        if not form.is_valid():
            return self._render(request, form, status=400)
        device = self._device(request)
        try:
            codes = two_factor_setup_confirm(
                actor=request.user, device=device, token=form.cleaned_data["token"]
            )
        except (DomainError, ValidationError) as exc:
            form_errors_add(form, exc)
            return self._render(request, form, status=400)
        # This session has just shown the code: it counts as verified.
        otp_login(request, device)
        response = render(
            request,
            "registration/two_factor_codes.html",
            {"codes": codes, "next": _safe_next(request, request.POST.get("next", ""))},
        )
        response["Cache-Control"] = "no-store"
        return response


def _spaced(hex_key: str) -> str:
    # The secret as an authenticator app takes it when typed: base32, in groups of four.
    text = b32encode(unhexlify(hex_key)).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))
