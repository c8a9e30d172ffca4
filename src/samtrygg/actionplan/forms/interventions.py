"""Forms for interventions, their notes, the process checklist, methods and evaluations."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samtrygg.actionplan.forms.common import (
    AreaChoiceField,
    AreaMultipleChoiceField,
    areas,
    date_field,
    organisations,
)
from samtrygg.actionplan.models import (
    PROCESS_CHECKLIST,
    ActionPlan,
    CheckAnswer,
    InterventionStatus,
    Method,
)
from samtrygg.areas.models import Place
from samtrygg.governance.models import Decision, FocusArea, Goal
from samtrygg.incidents.models import Category


class DecisionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.reference}: {obj.title}"


class GoalMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.focus_area.name}: {obj}"


class InterventionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    plan = forms.ModelChoiceField(
        label=_("Action plan"), queryset=ActionPlan.objects.all(), required=False
    )
    focus_areas = forms.ModelMultipleChoiceField(
        label=_("Focus areas"),
        queryset=FocusArea.objects.filter(is_active=True).order_by("order"),
        widget=forms.CheckboxSelectMultiple,
    )
    method = forms.ModelChoiceField(
        label=_("Method"), queryset=Method.objects.filter(is_active=True), required=False
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    problem = forms.CharField(
        label=pgettext_lazy("theory of change", "Problem"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("What the lägesbild shows: what, where, when."),
    )
    mechanism = forms.CharField(
        label=_("Mechanism"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Why the intervention should work."),
    )
    expected_outcome = forms.CharField(
        label=_("Expected outcome"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("What should change, and how it will be measured."),
    )
    owner = forms.ModelChoiceField(label=_("Responsible organisation"), queryset=organisations())
    partners = forms.ModelMultipleChoiceField(
        label=_("Partners"),
        queryset=organisations(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    areas = AreaMultipleChoiceField(
        label=_("Areas"),
        queryset=areas(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    places = forms.ModelMultipleChoiceField(
        label=_("Places"),
        queryset=Place.objects.order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    start_date = date_field(_("Start"), required=False)
    end_date = date_field(_("End"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=InterventionStatus.choices, initial=InterventionStatus.PLANNED
    )
    budget = forms.DecimalField(
        label=_("Budget (SEK)"), max_digits=12, decimal_places=0, min_value=0, required=False
    )
    decisions = DecisionChoiceField(
        label=_("Decisions that started it"),
        queryset=Decision.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    goals = GoalMultipleChoiceField(
        label=_("Goals it contributes to"),
        queryset=Goal.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(self, *args: Any, decisions: Any = None, goals: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if decisions is not None:
            self.fields["decisions"].queryset = decisions  # type: ignore[attr-defined]
        if goals is not None:
            self.fields["goals"].queryset = goals  # type: ignore[attr-defined]


class InterventionNoteForm(forms.Form):
    text = forms.CharField(label=_("What has happened"), widget=forms.Textarea(attrs={"rows": 3}))
    status = forms.ChoiceField(
        label=_("New status"),
        choices=[("", _("(unchanged)")), *InterventionStatus.choices],
        required=False,
    )
    recorded_on = date_field(_("Date"))


class ProcessEvaluationForm(forms.Form):
    recorded_on = date_field(_("Date"))
    deviations = forms.CharField(
        label=_("Deviations from the plan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    lessons = forms.CharField(
        label=_("Lessons learned"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, question in PROCESS_CHECKLIST:
            self.fields[f"{key}_answer"] = forms.ChoiceField(
                label=question, choices=CheckAnswer.choices, widget=forms.RadioSelect
            )
            self.fields[f"{key}_comment"] = forms.CharField(
                label=_("Comment"), max_length=500, required=False
            )

    def questions(self) -> list[tuple[Any, Any]]:
        return [(self[f"{key}_answer"], self[f"{key}_comment"]) for key, _q in PROCESS_CHECKLIST]

    def answers(self) -> dict[str, dict[str, str]]:
        data = self.cleaned_data
        return {
            key: {
                "answer": data.get(f"{key}_answer", ""),
                "comment": data.get(f"{key}_comment", ""),
            }
            for key, _q in PROCESS_CHECKLIST
        }


class MethodForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=40)
    name_sv = forms.CharField(label=_("Name (Swedish)"), max_length=100)
    name_en = forms.CharField(label=_("Name (English)"), max_length=100, required=False)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=32000, initial=100)
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["code"].disabled = True


# --- evaluation -----------------------------------------------------------------------

DRAWN_ROLES = [
    ("", _("(not used)")),
    ("treated", _("Treated area")),
    ("buffer", _("Buffer area")),
    ("control", _("Control area")),
]


def _default_windows(start: date | None, today: date) -> dict[str, date]:
    """A year before the intervention's start and up to a year after it (ending yesterday)."""
    pivot = start if start is not None and start < today else today - timedelta(days=180)
    after_end = min(pivot + timedelta(days=364), today - timedelta(days=1))
    length = (after_end - pivot).days
    return {
        "before_start": pivot - timedelta(days=length + 1),
        "before_end": pivot - timedelta(days=1),
        "after_start": pivot,
        "after_end": after_end,
    }


class EvaluationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    treated = AreaChoiceField(label=_("Treated area"), queryset=areas(), required=False)
    buffer = AreaChoiceField(
        label=_("Buffer area"),
        queryset=areas(),
        required=False,
        help_text=_("Around the treated area, where displacement would show."),
    )
    buffer_ring = forms.IntegerField(
        label=_("…or a ring around the treated area (metres)"),
        min_value=50,
        max_value=5000,
        required=False,
    )
    control = AreaChoiceField(
        label=_("Control area"),
        queryset=areas(),
        required=False,
        help_text=_("A similar area without the intervention, not next to the treated one."),
    )
    displacement_control = AreaChoiceField(
        label=_("Control for the buffer (optional)"), queryset=areas(), required=False
    )
    drawn_role = forms.ChoiceField(
        label=_("Use the drawn outline as"), choices=DRAWN_ROLES, required=False
    )
    drawn_name = forms.CharField(label=_("Name of the drawn area"), max_length=200, required=False)
    drawn_geometry = forms.CharField(widget=forms.HiddenInput, required=False)
    before_start = date_field(_("Before: from"))
    before_end = date_field(_("Before: until"))
    after_start = date_field(_("After: from"))
    after_end = date_field(_("After: until"))
    categories = forms.ModelMultipleChoiceField(
        label=_("Incident categories"),
        queryset=Category.objects.filter(is_active=True).order_by("order", "code"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("None chosen: every category."),
    )
    include_restricted = forms.BooleanField(
        label=_("Include police-only incidents"),
        required=False,
        help_text=_("Only for users entitled to police data; the result then counts them."),
    )

    def __init__(
        self, *args: Any, start: date | None = None, police_data: bool = False, **kwargs: Any
    ) -> None:
        kwargs.setdefault("initial", {}).update(_default_windows(start, timezone.localdate()))
        super().__init__(*args, **kwargs)
        if not police_data:
            del self.fields["include_restricted"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        role = data.get("drawn_role") or ""
        geometry = (data.get("drawn_geometry") or "").strip()
        if role and not geometry:
            self.add_error(
                "drawn_role", _("Draw the outline on the map first (at least three corners).")
            )
        if geometry and not role:
            self.add_error("drawn_role", _("Say which area the drawn outline is."))
        for name in ("treated", "buffer", "control"):
            sources = [data.get(name) is not None, role == name and bool(geometry)]
            if name == "buffer":
                sources.append(data.get("buffer_ring") is not None)
            if sum(sources) > 1:
                self.add_error(name, _("Give this area one way only: chosen, drawn or as a ring."))
            elif name != "buffer" and not any(sources):
                self.add_error(name, _("Choose or draw this area."))
        return data
