import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

PROJECT_APPS = ["programme", "pilots", "roadmaps", "egm", "guidebook"]
PROJECT_MODELS = [m for app in PROJECT_APPS for m in apps.get_app_config(app).get_models()]


def test_every_project_model_is_in_the_admin():
    missing = [m.__name__ for m in PROJECT_MODELS if m not in admin.site._registry]
    assert missing == []


@pytest.mark.django_db
@pytest.mark.parametrize("model", PROJECT_MODELS, ids=lambda m: m.__name__)
def test_admin_changelists_open_with_search_and_filters(model, admin_client, reference_data):
    model_admin = admin.site._registry[model]
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    params = {"q": "a"} if model_admin.search_fields else {}
    response = admin_client.get(url, params)
    assert response.status_code == 200
    assert model_admin.search_fields or model_admin.list_filter, "give the admin a way to find rows"
