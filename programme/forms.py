"""Forms for programme-wide pages. Validation is the model's (through the services)."""

from __future__ import annotations

from django import forms
from django.apps import apps
from django.contrib.auth.forms import PasswordResetForm
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from base.cache import read_key, read_through
from base.i18n import language_choices
from programme.choices import MilestoneKind, MilestoneStatus, Role
from programme.models import ApiToken, Milestone, User, WorkProgrammeComponent
from programme.services import password_reset_queue, programme_people


class ListedModelChoiceIterator(forms.models.ModelChoiceIterator):
    """Reads a select's rows in one plain query (Django streams them from a server-side
    cursor, which for a few hundred options costs more round trips than the rows themselves),
    and keeps its options (value and label) until a write to a table the query reads: a
    page with a select of every country or organisation draws it from the copy. The query's
    text, with its parameters, is part of the key, so a select narrowed to what one reader
    may choose is another copy; the language and the label's function are too."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for value, label in self._options():
            yield forms.models.ModelChoiceIteratorValue(value, None), label

    def _options(self) -> list[tuple]:
        queryset = self.queryset
        sql, params = queryset.query.sql_with_params()
        label = self.field.label_from_instance
        key = read_key(
            "select-options",
            None,
            _tables_read(sql),
            getattr(label, "__qualname__", type(self.field).__qualname__),
            self.field.to_field_name or "",
            sql,
            repr(params),
        )
        return read_through(
            key,
            lambda: [(self.field.prepare_value(obj), str(label(obj))) for obj in queryset],
        )


def _tables_read(sql: str) -> list:
    """The models whose tables a query's text names (joins and subqueries alike)."""
    return [m for m in apps.get_models() if f'"{m._meta.db_table}"' in sql]


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


class TwoFactorCodeForm(forms.Form):
    """A six-digit code from the authenticator app, or one of the recovery codes."""

    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        help_text=_("The six digits your authenticator app shows now, or a recovery code."),
    )

    def clean_token(self) -> str:
        return self.cleaned_data["token"].strip().replace(" ", "")


class DayListField(forms.CharField):
    """Days before a date, typed as "14, 7, 1, 0"; empty means "as for its kind"."""

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        try:
            days = [int(part) for part in text.replace(";", ",").split(",") if part.strip()]
        except ValueError as exc:
            raise forms.ValidationError(
                _("Give whole numbers of days, separated by commas."), code="invalid"
            ) from exc
        return sorted(set(days), reverse=True)


class MilestoneForm(forms.Form):
    """A milestone's dates, owners, status and reminder rules (the model checks the rest)."""

    title = forms.CharField(max_length=255, label=_("Title"))
    description = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), label=_("Description")
    )
    kind = forms.ChoiceField(choices=MilestoneKind.choices, label=_("Kind"))
    status = forms.ChoiceField(choices=MilestoneStatus.choices, label=_("Status"))
    due_on = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        label=_("Due on"),
        help_text=_("Empty while the date is to be confirmed."),
    )
    completed_on = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        label=_("Completed on"),
    )
    is_public = forms.BooleanField(
        required=False,
        label=_("Public"),
        help_text=_("Shown to partners and every signed-in user."),
    )
    country = ListedModelChoiceField(
        queryset=Milestone._meta.get_field("country").related_model.objects.order_by("name"),
        required=False,
        label=_("Country"),
    )
    component = ListedModelChoiceField(
        queryset=WorkProgrammeComponent.objects.all(), required=False, label=_("Component")
    )
    owners = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(),
        required=False,
        label=_("Owners"),
        help_text=_("The people reminded of this milestone."),
    )
    reminder_days_before = DayListField(
        required=False,
        label=_("Remind days before"),
        help_text=_("E.g. 14, 7, 1, 0 (0 is the day itself). Empty: as for its kind."),
    )
    reminder_overdue_every_days = forms.IntegerField(
        required=False,
        min_value=1,
        label=_("Remind every … days while overdue"),
        help_text=_("Empty: as for its kind."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only people of the programme own milestones (the service checks it again).
        self.fields["owners"].queryset = programme_people().order_by(
            "last_name", "first_name", "username"
        )


class NotificationPreferencesForm(forms.Form):
    """Which kinds of notification a person receives by email (ticked: sent)."""

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in kinds:
            self.fields[kind.key] = forms.BooleanField(label=kind.label, required=False)

    def muted(self) -> set[str]:
        return {key for key, sent in self.cleaned_data.items() if not sent}
