"""Forms: e-mail choices per kind, topics to follow, the public subscription."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samtrygg.notifications.models import Channel


def topic_choices(options: list[dict[str, Any]]) -> list[tuple[Any, Any]]:
    """Grouped choices ``type:id`` for a multiple-choice field."""
    return [
        (str(o["label"]), [(f"{o['code']}:{value}", label) for value, label in o["choices"]])
        for o in options
        if o["choices"]
    ]


def topics_from(values: list[str]) -> list[tuple[str, str]]:
    pairs = []
    for value in values:
        topic_type, _sep, topic_id = value.partition(":")
        pairs.append((topic_type, topic_id))
    return pairs


class TopicsField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


class SettingsForm(forms.Form):
    email_enabled = forms.BooleanField(
        label=_("Send me e-mail"),
        required=False,
        help_text=_("Off: nothing by e-mail; the notifications still appear here."),
    )

    def __init__(self, *args: Any, kinds: list[Any], options: list[dict[str, Any]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.kind_fields = []
        for choice in kinds:
            name = f"kind__{choice.code}"
            self.fields[name] = forms.ChoiceField(
                label=choice.label,
                choices=Channel.choices,
                initial=choice.channel,
                required=False,  # a kind left out keeps its current choice
                widget=forms.RadioSelect,
                help_text=choice.description,
            )
            self.kind_fields.append(name)
        self.fields["topics"] = TopicsField(
            label=_("Public news I follow (in the digest)"),
            choices=topic_choices(options),
            required=False,
        )

    def kind_values(self) -> dict[str, str]:
        return {
            name.removeprefix("kind__"): self.cleaned_data[name]
            for name in self.kind_fields
            if self.cleaned_data.get(name)
        }


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("Used only to send you these e-mails; never shown to anyone."),
    )

    def __init__(self, *args: Any, options: list[dict[str, Any]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["topics"] = TopicsField(
            label=_("What do you want to follow?"), choices=topic_choices(options)
        )


class ManageForm(forms.Form):
    def __init__(self, *args: Any, options: list[dict[str, Any]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["topics"] = TopicsField(
            label=_("What do you want to follow?"), choices=topic_choices(options)
        )
