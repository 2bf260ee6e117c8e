"""The interface in French and Spanish: complete catalogues, pages and emails in the reader's
language, the language choice stored on the account, right-to-left layout, English API fields."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.template import Context, Template
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from base.i18n import localised
from programme.choices import Role
from programme.models import ReminderDelivery
from programme.notify import reminder_email
from programme.outbox import outbox_sweep
from programme.services import user_language_set
from roadmaps.choices import VersionStatus
from roadmaps.models import Criterion, Goal, LevelDescriptor, Target
from roadmaps.notifications import review_assignment_queue
from roadmaps.services import roadmap_version_transition
from tests.factories import (
    MilestoneFactory,
    ReviewAssignmentFactory,
    RoadmapVersionFactory,
    UserFactory,
    api_token_for,
    national_roadmap,
)

LANGUAGES = ("fr", "es")
BASE_DIR = Path(settings.BASE_DIR)


# --- The catalogues -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def refreshed_catalogues():
    """The committed catalogues after `makemessages` has read today's code: every marked
    string, new or changed, shows up in them untranslated or fuzzy.

    makemessages writes into the project's own `locale/` whatever LOCALE_PATHS says (it adds
    the `locale` folder of the directory it runs in), so the committed files are kept aside
    and put back afterwards: the check reads the refreshed catalogues and leaves the tree as
    it found it."""
    if shutil.which("xgettext") is None or shutil.which("msgmerge") is None:
        pytest.fail("GNU gettext (xgettext, msgmerge) is needed to check the catalogues.")
    paths = {lang: BASE_DIR / "locale" / lang / "LC_MESSAGES" / "django.po" for lang in LANGUAGES}
    committed = {lang: path.read_bytes() for lang, path in paths.items()}
    try:
        with translation.override(None):
            call_command(
                "makemessages",
                locale=list(LANGUAGES),
                ignore_patterns=[".venv", ".local", "tests", "staticfiles", "node_modules"],
                no_obsolete=True,
                verbosity=0,
            )
        return {lang: polib.pofile(str(path)) for lang, path in paths.items()}
    finally:
        for lang, path in paths.items():
            path.write_bytes(committed[lang])


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_marked_string_is_translated(refreshed_catalogues, language):
    catalogue = refreshed_catalogues[language]
    untranslated = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert len(catalogue) > 700  # the whole interface was read, not an empty tree
    assert not untranslated, (
        f"{len(untranslated)} untranslated in {language} (run `make makemessages` and translate "
        "them in locale/{language}/LC_MESSAGES/django.po):\n" + "\n".join(untranslated)
    )
    assert not fuzzy, f"{len(fuzzy)} fuzzy in {language}:\n" + "\n".join(fuzzy)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_committed_catalogue_compiles_with_matching_placeholders(language):
    po = BASE_DIR / "locale" / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(po)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


# --- Pages in the reader's language --------------------------------------------------------

# (url name, {language: a phrase of that page in that language})
PAGES = [
    ("programme:dashboard", {"fr": "Chiffres clés", "es": "Cifras clave"}),
    ("pilots:pilot-list", {"fr": "Pays pilotes", "es": "Países piloto"}),
    ("roadmaps:roadmap-list", {"fr": "Nouvelle feuille de route", "es": "Nueva hoja de ruta"}),
    ("roadmaps:rubric-list", {"fr": "Critères d'efficacité", "es": "Criterios de eficacia"}),
    (
        "roadmaps:assessment-heatmap",
        {"fr": "Évaluations dans l'ensemble du programme", "es": "Evaluaciones en todo"},
    ),
    ("programme:timeline", {"fr": "Calendrier du programme", "es": "Cronograma del programa"}),
    ("programme:organisation-list", {"fr": "Aucune organisation", "es": "Ninguna organización"}),
    ("programme:api-token-list", {"fr": "Nouveau jeton", "es": "Nuevo token"}),
    ("programme:account-reminders", {"fr": "Rappels par courriel", "es": "Recordatorios por"}),
    ("egm:meeting-list", {"fr": "Nouvelle réunion", "es": "Nueva reunión"}),
    ("guidebook:edition-list", {"fr": "Nouvelle édition", "es": "Nueva edición"}),
    ("workprogramme:overview", {"fr": "Programme de travail", "es": "Programa de trabajo"}),
    ("workprogramme:trust-fund", {"fr": "Totaux par monnaie", "es": "Totales por moneda"}),
    ("workprogramme:landscape", {"fr": "Panorama de l'appui", "es": "Panorama del apoyo"}),
    ("public:home", {"fr": "Données ouvertes", "es": "Datos abiertos"}),
]
# English that must be gone from every page once it is translated (header, menu, footer).
ENGLISH_CHROME = [
    "Sign out",
    "Skip to main content",
    "Inter-Agency Task Team",
    "Dashboard<",
    # Filter forms label their fields themselves (a model field's name is not translatable).
    "Kind</label>",
    "Status</label>",
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("name", "phrases"), PAGES, ids=[p[0] for p in PAGES])
def test_main_pages_render_in_the_users_language(
    client, secretariat_user, reference_data, language, name, phrases
):
    user_language_set(actor=secretariat_user, language=language)
    client.force_login(secretariat_user)
    response = client.get(reverse(name))
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}" dir="ltr">' in html
    assert phrases[language] in html
    for english in ENGLISH_CHROME:
        assert english not in html, f"{english!r} left in English on {name}"


def test_the_rubric_page_shows_the_criteria_in_french(client, secretariat_user, reference_data):
    user_language_set(actor=secretariat_user, language="fr")
    client.force_login(secretariat_user)
    html = client.get(reverse("roadmaps:rubric-list")).content.decode()
    assert "Diagnostic des besoins et des lacunes en matière de STI" in html
    assert "Aucune prospective, veille ni analyse prospective." in html
    assert "ce ne sont pas des traductions officielles" in html
    assert "Diagnostics of STI needs and gaps" not in html


def test_anonymous_visitors_get_the_language_their_browser_asks_for(client):
    html = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9").content.decode()
    assert '<html lang="es"' in html
    assert "Iniciar sesión" in html
    html = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="de,fr;q=0.5").content.decode()
    assert '<html lang="fr"' in html
    html = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert '<html lang="en"' in html
    assert "Sign in" in html


def test_a_signed_in_persons_choice_wins_over_their_browser(client, reviewer_user):
    user_language_set(actor=reviewer_user, language="fr")
    client.force_login(reviewer_user)
    response = client.get(reverse("programme:dashboard"), HTTP_ACCEPT_LANGUAGE="es")
    assert '<html lang="fr"' in response.content.decode()
    assert response["Content-Language"] == "fr"


def test_the_header_switcher_stores_the_choice_on_the_account(client, reviewer_user):
    client.force_login(reviewer_user)
    response = client.post(
        reverse("programme:language-set"), {"language": "es", "next": "/timeline/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/timeline/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    reviewer_user.refresh_from_db()
    assert reviewer_user.language == "es"
    # In another browser (no cookie), the account's language still applies.
    other = type(client)()
    other.force_login(reviewer_user)
    assert "Cronograma" in other.get(reverse("programme:timeline")).content.decode()
    # "Follow my browser" clears the account's choice and the cookie.
    response = client.post(reverse("programme:language-set"), {"language": "", "next": "/"})
    reviewer_user.refresh_from_db()
    assert reviewer_user.language == ""
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == ""


def test_a_language_not_offered_is_refused_and_nothing_is_stored(client, reviewer_user):
    client.force_login(reviewer_user)
    response = client.post(reverse("programme:language-set"), {"language": "xx", "next": "/"})
    assert response.status_code == 302
    reviewer_user.refresh_from_db()
    assert reviewer_user.language == ""
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    with pytest.raises(Exception, match="language"):
        user_language_set(actor=reviewer_user, language="de")
    reviewer_user.refresh_from_db()
    assert reviewer_user.language == ""


def test_anonymous_visitors_can_switch_with_a_cookie_only(client, db):
    response = client.post(reverse("programme:language-set"), {"language": "fr", "next": "/"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    assert "Se connecter" in client.get(reverse("login")).content.decode()


def test_the_account_page_offers_the_languages_in_their_own_names(client, reviewer_user):
    client.force_login(reviewer_user)
    html = client.get(reverse("programme:account-reminders")).content.decode()
    for name in ("English", "Français", "Español"):
        assert f">{name}</option>" in html


# --- Right to left -------------------------------------------------------------------------


@override_settings(LANGUAGES=[*settings.LANGUAGES, ("ar", "العربية")])
def test_a_right_to_left_language_gets_dir_rtl_and_bootstraps_rtl_stylesheet(client, db):
    html = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "bootstrap.rtl.min.css" in html
    assert "css/bootstrap.min.css" not in html
    # Arabic is offered in the switcher, by its own name, once it is in LANGUAGES.
    assert '<option value="ar" lang="ar" selected>العربيّة</option>' in html
    ltr = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<html lang="fr" dir="ltr">' in ltr
    assert "bootstrap.rtl.min.css" not in ltr


# --- Emails in the recipient's language ----------------------------------------------------


@pytest.mark.django_db
def test_a_reminder_is_written_in_its_recipients_language():
    today = dt.date(2026, 12, 1)
    french = UserFactory(language="fr", email="fr@example.org")
    english = UserFactory(email="en@example.org")
    milestone = MilestoneFactory(due_on=today + dt.timedelta(days=7), owners=[french, english])
    messages = {
        user.language: reminder_email(
            ReminderDelivery.objects.create(
                milestone=milestone, recipient=user, days_before=7, due_on=milestone.due_on
            ),
            today=today,
        )
        for user in (french, english)
    }
    assert messages["fr"].subject.startswith("[Feuilles de route STI] Rappel")
    assert "échéance dans 7 jours, le mardi 8 décembre 2026" in messages["fr"].body
    assert messages[""].subject.startswith("[STI Roadmaps] Reminder")
    assert "due in 7 days, on Tuesday 8 December 2026" in messages[""].body
    # Rendering in French left the caller's language alone.
    assert translation.get_language() == "en"


@pytest.mark.django_db
def test_a_returned_version_reaches_each_focal_point_in_their_language(
    secretariat_user, focal_point_user, ghana
):
    spanish = UserFactory(
        username="fp-gha-es",
        email="es@example.org",
        roles=[Role.FOCAL_POINT],
        countries=[ghana],
        language="es",
    )
    version = RoadmapVersionFactory(
        roadmap=national_roadmap(ghana),
        status=VersionStatus.UNDER_REVIEW,
        created_by=focal_point_user,
    )
    roadmap_version_transition(
        actor=secretariat_user,
        version=version,
        to_status=VersionStatus.RETURNED,
        comment="Please add costs.",
    )
    mail.outbox.clear()
    assert outbox_sweep(now=timezone.now() + dt.timedelta(hours=1)) == 2  # one per person
    by_recipient = {tuple(m.to): m for m in mail.outbox}
    assert "has been returned for revision" in by_recipient[(focal_point_user.email,)].body
    spanish_mail = by_recipient[(spanish.email,)]
    assert "ha sido devuelta para revisión" in spanish_mail.body
    assert "Please add costs." in spanish_mail.body
    assert spanish_mail.subject.startswith("[Hojas de ruta de CTI]")


@pytest.mark.django_db
def test_a_review_request_is_written_in_the_reviewers_language(ghana):
    reviewer = UserFactory(roles=[Role.REVIEWER], language="fr", email="rev-fr@example.org")
    version = RoadmapVersionFactory(roadmap=national_roadmap(ghana), status=VersionStatus.SUBMITTED)
    assignment = ReviewAssignmentFactory(version=version, reviewer=reviewer)
    review_assignment_queue(assignment=assignment)
    outbox_sweep(now=timezone.now() + dt.timedelta(hours=1))
    (message,) = mail.outbox
    assert message.subject.startswith("Demande d'examen")
    assert "vous prie d'évaluer" in message.body


# --- Reference data in the active language -------------------------------------------------


@pytest.mark.django_db
def test_sdg_goals_and_the_rubric_are_read_in_the_active_language(reference_data):
    goal = Goal.objects.get(number=9)
    criterion = Criterion.objects.get(rubric__version=1, number=5)
    level = LevelDescriptor.objects.get(criterion=criterion, score=0)
    with translation.override("fr"):
        assert localised(goal, "short_title") == "Industrie, innovation et infrastructure"
        assert str(goal) == "ODD 9 : Industrie, innovation et infrastructure"
        assert localised(criterion, "short_name") == "Ne laisser personne de côté"
        assert localised(level, "descriptor").startswith("Ni les effets socioéconomiques")
    with translation.override("es"):
        assert localised(goal, "title").startswith("Construir infraestructuras resilientes")
        assert str(goal) == "ODS 9: Industria, innovación e infraestructura"
    with translation.override("en"):
        assert localised(goal, "short_title") == "Industry, innovation and infrastructure"
    with (
        override_settings(LANGUAGES=[*settings.LANGUAGES, ("ar", "Arabic")]),
        translation.override("ar"),  # no Arabic data yet: English, never empty
    ):
        assert localised(goal, "title") == goal.title


@pytest.mark.django_db
def test_loading_the_reference_data_again_changes_no_translation(reference_data):
    out = open("/dev/null", "w")  # noqa: SIM115
    call_command("load_reference_data", stdout=out)
    goal = Goal.objects.get(number=1)
    assert goal.translations["es"]["short_title"] == "Fin de la pobreza"
    assert goal.translations["fr"]["title"].startswith("Éliminer la pauvreté")
    # Two rubric versions, 50 level descriptors each.
    assert LevelDescriptor.objects.filter(translations__has_key="fr").count() == 100
    assert Target.objects.filter(translations__has_key="es").count() == 169
    target = Target.objects.get(code="9.5")
    assert target.translations["fr"]["text"].startswith("Renforcer la recherche scientifique")
    assert target.translations["es"]["text"].startswith("Aumentar la investigación científica")


# --- Numbers, dates and money in the active language ---------------------------------------


def test_money_and_dates_follow_the_active_language():
    template = Template('{{ amount|money:"USD" }} · {{ day|date:"DATE_FORMAT" }} · {{ x }}')
    context = Context({"amount": Decimal("1250000.5"), "day": dt.date(2019, 5, 14), "x": 2.5})
    with translation.override("en"):
        assert template.render(context) == "1,250,000.50 USD · May 14, 2019 · 2.5"
    with translation.override("fr"):
        rendered = re.sub(r"[\u00a0\u202f]", " ", template.render(context))
        assert rendered == "1 250 000,50 USD · 14 mai 2019 · 2,5"
    with translation.override("es"):
        rendered = re.sub(r"[\u00a0\u202f]", " ", template.render(context))
        assert rendered == "1 250 000,50 USD · 14 de mayo de 2019 · 2,5"


# --- The API stays in English --------------------------------------------------------------


@pytest.mark.django_db
def test_the_api_keeps_english_fields_and_codes_and_translates_only_messages(
    client, partner_user, reference_data
):
    _token, key = api_token_for(partner_user)
    response = client.get(
        "/api/v1/sdgs/", HTTP_AUTHORIZATION=f"Token {key}", HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert response.status_code == 200
    first = response.json()["results"][0]
    assert {"number", "title"} <= set(first)
    assert first["title"] == "End poverty in all its forms everywhere"
    refused = client.get(
        "/api/v1/sdgs/", HTTP_AUTHORIZATION="Token nope-nope", HTTP_ACCEPT_LANGUAGE="fr"
    )
    error = refused.json()["error"]
    assert refused.status_code == 401
    assert error["code"] == "invalid_token"
    assert error["message"] == "Jeton non valide."
