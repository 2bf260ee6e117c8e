"""Forms for programme-wide pages. Validation is the model's (through the services)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from base.i18n import language_choices
from programme.choices import Role
from programme.models import ApiToken, User
from programme.services import password_reset_queue


class ListedModelChoiceIterator(forms.models.ModelChoiceIterator):
    """Reads a select's rows in one plain query. Django streams them from a server-side
    cursor, which for a few hundred options costs more round trips than the rows themselves."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in list(self.queryset):
            yield self.choice(obj)


class ListedModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField whose options are read in one plain query (see above)."""

    iterator = ListedModelChoiceIterator


class ApiTokenForm(forms.Form):
    """Who a new API token is for and what it is called."""

    user = forms.ModelChoiceField(
        queryset=User.objects.none(),
        label=_("Partner account"),
        help_text=_("Tokens are issued to partner accounts; the token reads what they may read."),
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=ApiToken._meta.get_field("name").max_length,
        help_text=_("What the token is for, e.g. 'World Bank data hub'."),
    )
    expires_at = forms.DateTimeField(
        required=False,
        label=_("Expires"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Leave empty for a token that does not expire."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            User.objects.filter(is_active=True, groups__name=Role.PARTNER)
            .select_related("organisation")
            .order_by("username")
        )
        self.fields["user"].label_from_instance = lambda u: (
            f"{u.get_full_name() or u.username} ({u.username})"
            + (f", {u.organisation}" if u.organisation else "")
        )


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form, whose email is owed through the outbox (programme.outbox): the
    request writes a row naming the account, a worker makes the link and sends it after the
    request commits. The page then looks and takes the same whether an account uses the
    address or not, and it works while the broker is down."""

    def save(self, **kwargs) -> None:
        for user in self.get_users(self.cleaned_data["email"]):
            password_reset_queue(user=user, language=translation.get_language() or "")


class ReminderPreferencesForm(forms.Form):
    """A person's choice about non-critical reminders."""

    mute_noncritical = forms.BooleanField(
        required=False,
        label=_("Mute non-critical reminders"),
        help_text=_(
            "You will still be reminded the day before, on the due date and while a "
            "milestone you own is overdue."
        ),
    )


class LanguageForm(forms.Form):
    """The language a person reads the site in; "" follows their browser."""

    language = forms.ChoiceField(label=_("Language"), required=False, choices=())
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            ("", _("As my browser asks")),
            *language_choices(),
        ]
