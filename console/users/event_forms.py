"""The form of the risky sign-in verdict (issue 13, item 3): the reason, the event and the verdict."""

from django import forms
from django.core.validators import RegexValidator

from console.cognito.auth_events import FEEDBACK_VALUES
from console.users.forms import ReasonForm

# The verdicts an operator gives, as Cognito's FeedbackValue and the button that sends it.
VERDICTS = list(zip(FEEDBACK_VALUES, ("It was the user", "Not the user"), strict=True))
EVENT_ID = RegexValidator(r"^[\w-]+$", "This is not a Cognito event id.")


class EventFeedbackForm(ReasonForm):
    event_id = forms.CharField(max_length=64, validators=[EVENT_ID], label="Sign-in event")
    value = forms.ChoiceField(choices=VERDICTS, label="Verdict")

    def params(self) -> dict:
        return {"event_id": self.cleaned_data["event_id"], "value": self.cleaned_data["value"]}
