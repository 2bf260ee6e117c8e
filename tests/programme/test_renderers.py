"""The Python-written select is Django's template output, byte for byte."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from base.renderers import ProgrammeFormRenderer, render_select


class Everything(forms.Form):
    plain = forms.ChoiceField(choices=[("", "Any"), ("a", "A & B"), ("<x>", '"quoted"')])
    grouped = forms.ChoiceField(
        choices=[("Fruit", [("1", "Apple"), ("2", "Pear")]), ("3", "Loose <b>")],
        initial="2",
    )
    many = forms.MultipleChoiceField(choices=[(1, "One"), (2, "Two"), (3, "Three")])
    required_off = forms.ChoiceField(
        choices=[("x", "X")], required=False, widget=forms.Select(attrs={"data-x": "1 < 2"})
    )


@pytest.mark.parametrize("data", [None, {"plain": "<x>", "many": ["1", "3"], "grouped": "3"}])
def test_select_markup_is_djangos(data):
    django_form = Everything(data=data, renderer=DjangoTemplates())
    ours = Everything(data=data, renderer=ProgrammeFormRenderer())
    for name in django_form.fields:
        expected = str(django_form[name])
        assert str(ours[name]) == expected
        assert "<option" in expected


def test_select_escapes_labels_values_and_attributes():
    html = render_select(
        {
            "name": 'n"',
            "attrs": {"id": "i", "required": True, "disabled": False},
            "optgroups": [
                (
                    None,
                    [{"value": "<v>", "label": "<script>", "attrs": {"selected": True}}],
                    0,
                )
            ],
        }
    )
    assert html == (
        '<select name="n&quot;" id="i" required>\n'
        '  <option value="&lt;v&gt;" selected>&lt;script&gt;</option>\n\n</select>'
    )


@pytest.mark.django_db
def test_model_choice_select_with_hundreds_of_options(reference_data):
    from pilots.models import Country

    class CountryForm(forms.Form):
        country = forms.ModelChoiceField(queryset=Country.objects.all())

    expected = str(CountryForm(renderer=DjangoTemplates())["country"])
    assert str(CountryForm(renderer=ProgrammeFormRenderer())["country"]) == expected
    assert expected.count("<option") == Country.objects.count() + 1


def test_an_option_with_its_own_template_goes_through_the_engine():
    class OwnOption(forms.Select):
        option_template_name = "django/forms/widgets/select_option.html"

        def create_option(self, *args, **kwargs):
            option = super().create_option(*args, **kwargs)
            option["template_name"] = "django/forms/widgets/input_option.html"
            return option

    widget = OwnOption(choices=[("a", "A")])
    context = widget.get_context("f", "a", {})
    assert render_select(context["widget"]) is None
    html = widget.render("f", "a", renderer=ProgrammeFormRenderer())
    assert html == widget.render("f", "a", renderer=DjangoTemplates())


@pytest.mark.django_db
def test_listed_model_choices_are_djangos(reference_data):
    from pilots.models import Country
    from programme.forms import ListedModelChoiceField

    class Plain(forms.Form):
        country = forms.ModelChoiceField(queryset=Country.objects.all())

    class Listed(forms.Form):
        country = ListedModelChoiceField(queryset=Country.objects.all())

    assert str(Listed()["country"]) == str(Plain()["country"])
    listed = Listed(data={"country": Country.objects.get(iso3="GHA").pk})
    assert listed.is_valid() and listed.cleaned_data["country"].iso3 == "GHA"
