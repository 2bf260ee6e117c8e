"""Token authentication for partners' systems: `Authorization: Token <key>`."""

from __future__ import annotations

import hmac

from django.utils import timezone
from django.utils.translation import gettext
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from programme.models import ApiToken
from programme.services import api_token_hash, api_token_record_use


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """Finds the token by its prefix and compares the secret's hash in constant time.

    Revoked or expired tokens, and tokens of disabled accounts, answer 401.
    """

    keyword = "Token"

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                gettext("Send the token as 'Authorization: Token <key>'."), code="malformed_token"
            )
        try:
            key = parts[1].decode("ascii")
        except UnicodeDecodeError as exc:
            raise exceptions.AuthenticationFailed(
                gettext("Invalid token."), code="invalid_token"
            ) from exc
        digest = api_token_hash(key)
        candidates = ApiToken.objects.for_authentication(key[: ApiToken.PREFIX_LENGTH])
        token = next(
            (c for c in candidates if hmac.compare_digest(c.key_hash, digest)),
            None,
        )
        if token is None:
            raise exceptions.AuthenticationFailed(gettext("Invalid token."), code="invalid_token")
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed(
                gettext("This token was revoked."), code="token_revoked"
            )
        if token.expires_at is not None and token.expires_at <= timezone.now():
            raise exceptions.AuthenticationFailed(
                gettext("This token has expired."), code="token_expired"
            )
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(
                gettext("The account behind this token is disabled."), code="account_disabled"
            )
        token.user.roles_known(token.user_roles)
        api_token_record_use(token=token)
        return token.user, token

    def authenticate_header(self, request) -> str:
        # Makes unauthenticated calls 401 (with this challenge) rather than 403.
        return self.keyword


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """Describes the token scheme in the OpenAPI document."""

    target_class = "programme.api.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "A token issued by the IATT secretariat, sent as `Authorization: Token <key>`. "
                "The key is shown once, when it is made; ask the secretariat for a new one if "
                "it is lost. Revoked or expired tokens answer 401."
            ),
        }
