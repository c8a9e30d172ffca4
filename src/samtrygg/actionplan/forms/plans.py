"""Forms for plans, plan versions, indicators and survey imports."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samtrygg.actionplan.forms.common import (
    AreaMultipleChoiceField,
    areas,
    date_field,
    organisations,
)
from samtrygg.actionplan.indicator_sources import indicator_sources
from samtrygg.actionplan.models import Direction, IndicatorKind, Measure
from samtrygg.governance.models import FocusArea, Goal
from samtrygg.incidents.models import Category
from samtrygg.situation.models import SituationVersion


class ActionPlanForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    period_start = date_field(_("Period from"))
    period_end = date_field(_("Period until"))
    focus_areas = forms.ModelMultipleChoiceField(
        label=_("Focus areas"),
        queryset=FocusArea.objects.filter(is_active=True).order_by("order"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    next_review = date_field(
        _("Next follow-up"),
        required=False,
        help_text=_("When the plan is next to be followed up or revised."),
    )


class VersionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        published = timezone.localtime(obj.published_at).date().isoformat()
        return f"{obj.label} – {published}"


class PlanVersionForm(forms.Form):
    adopted_by = forms.ModelChoiceField(
        label=_("Adopted by"), queryset=organisations("political_body")
    )
    adoption_date = date_field(_("Adoption date"))
    decision_reference = forms.CharField(
        label=_("Decision reference"),
        max_length=200,
        required=False,
        help_text=_("How the minutes cite the decision, e.g. KS 2024-03-12 § 45."),
    )
    based_on = VersionChoiceField(
        label=_("Based on the lägesbild"),
        queryset=SituationVersion.objects.none(),
        required=False,
        help_text=_("The published lägesbild the plan was decided from."),
    )
    changes = forms.CharField(
        label=_("What changed"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    document = forms.FileField(label=_("Adopted document"), required=False)

    def __init__(self, *args: Any, versions: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if versions is not None:
            self.fields["based_on"].queryset = versions  # type: ignore[attr-defined]


class GoalChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.focus_area.name}: {obj}"


class IndicatorForm(forms.Form):
    goal = GoalChoiceField(label=_("Goal"), queryset=Goal.objects.none())
    code = forms.SlugField(
        label=_("Code"),
        max_length=60,
        help_text=_("Short unique code; survey files name the indicator by it."),
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=IndicatorKind.choices)
    measure = forms.ChoiceField(label=_("Measure"), choices=Measure.choices)
    direction = forms.ChoiceField(label=_("Direction"), choices=Direction.choices)
    categories = forms.ModelMultipleChoiceField(
        label=_("Incident categories"),
        queryset=Category.objects.filter(is_active=True).order_by("order", "code"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Computed indicators: none chosen means every category."),
    )
    areas = AreaMultipleChoiceField(
        label=_("Areas"),
        queryset=areas(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_(
            "Computed: incidents in any of these areas (none: everywhere). Survey: the areas "
            "shown (none: every area in the data)."
        ),
    )
    registered_source = forms.ChoiceField(
        label=_("Counted from"),
        required=False,
        help_text=_("For an indicator counted by Samtrygg: which count."),
    )
    first_year = forms.IntegerField(label=_("First year"), min_value=1990, max_value=2100)
    source = forms.CharField(label=_("Source"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    baseline_value = forms.FloatField(label=_("Baseline value"), required=False)
    baseline_year = forms.IntegerField(
        label=_("Baseline year"), min_value=1990, max_value=2100, required=False
    )
    target_value = forms.FloatField(label=_("Target value"), required=False)
    target_year = forms.IntegerField(
        label=_("Target year"), min_value=1990, max_value=2100, required=False
    )
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=32000, initial=100)

    def __init__(self, *args: Any, goals: Any = None, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if goals is not None:
            self.fields["goal"].queryset = goals  # type: ignore[attr-defined]
        self.fields["registered_source"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            *((s.code, s.label) for s in indicator_sources()),
        ]
        if editing:
            self.fields["kind"].disabled = True
            self.fields["kind"].help_text = _("The kind cannot be changed.")


class IndicatorValueForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)
    value = forms.FloatField(label=_("Value"))
    area = forms.ModelChoiceField(
        label=pgettext_lazy("region", "Area"),
        queryset=areas(),
        required=False,
        help_text=_("Leave empty for the whole municipality."),
    )
    n = forms.IntegerField(label=_("Respondents (n)"), min_value=0, required=False)
    source = forms.CharField(label=_("Source"), max_length=200, required=False)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class SurveyImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: area code, indicator, year, value, n, source. Comma, semicolon or tab "
            "separated; decimal comma accepted."
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > 10 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload
