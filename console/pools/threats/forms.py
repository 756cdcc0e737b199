"""The threat protection form, for the pool or one app client: it validates (the plan, CIDR
ranges with the ipaddress module, the notification settings); services.py builds the requests."""

import ipaddress
import re

from django import forms

from console.pools.fields import ArnField, FieldsetsMixin, LinesField, ReasonMixin, checkboxes
from console.pools.threats.selectors import LEVELS, TEMPLATES, ThreatSettings
from console.pools.tiers import PLUS, needs

ARN_SES_IDENTITY = re.compile(r"^arn:aws[\w-]*:ses:[a-z0-9-]+:\d{12}:identity/\S+$")
MODE_CHOICES = [
    ("OFF", "Off"),
    ("AUDIT", "Audit only (log risks, never act)"),
    ("ENFORCED", "Enforce (act on risks as set below)"),
]
COMPROMISED_ACTIONS = [("BLOCK", "Block the sign-in"), ("NO_ACTION", "Allow it (log only)")]
EVENTS = [("SIGN_IN", "Sign-in"), ("PASSWORD_CHANGE", "Password change"), ("SIGN_UP", "Sign-up")]
TAKEOVER_ACTIONS = [
    ("NO_ACTION", "Allow"),
    ("MFA_IF_CONFIGURED", "Ask for MFA if the user has it, else allow"),
    ("MFA_REQUIRED", "Ask for MFA, block if the user has none"),
    ("BLOCK", "Block"),
]
TEMPLATE_LABELS = {"block": "Blocked sign-in", "mfa": "MFA asked", "no_action": "Sign-in allowed"}
MAX_RANGES = 200  # each list, Cognito's limit
BODY_MIN = 6

COMPROMISED_FIELDS = ["compromised_action", "compromised_events"]
NOTIFY_FIELDS = ["notify_source_arn", "notify_from", "notify_reply_to"]
ACTION_FIELDS = [f"{level}_{part}" for level in LEVELS for part in ("action", "notify")]
EMAIL_FIELDS = [f"{name}_{part}" for name in TEMPLATES for part in ("subject", "text", "html")]
TAKEOVER_FIELDS = ACTION_FIELDS + NOTIFY_FIELDS + EMAIL_FIELDS
EXCEPTION_FIELDS = ["skipped_ips", "blocked_ips"]
RISK_FIELDS = COMPROMISED_FIELDS + TAKEOVER_FIELDS + EXCEPTION_FIELDS
NEEDS_ON = "Turn threat protection on (audit or enforce) before setting how it reacts."


def cidr_ranges(lines: list[str]) -> list[str]:
    """The ranges as Cognito takes them (CIDR notation); a ValidationError names every bad line."""
    errors = []
    for number, line in enumerate(lines, start=1):
        try:
            ipaddress.ip_network(line, strict=True)
        except ValueError as exc:
            errors.append(f"Line {number}: {line} is not a CIDR range ({exc}).")
    if len(lines) > MAX_RANGES:
        errors.append(f"At most {MAX_RANGES} ranges; there are {len(lines)}.")
    if errors:
        raise forms.ValidationError(errors)
    return lines


class ThreatsForm(FieldsetsMixin, ReasonMixin):
    mode = forms.ChoiceField(label="Threat protection", choices=MODE_CHOICES)
    compromised_action = forms.ChoiceField(label="When a password is known to be compromised",
                                           choices=COMPROMISED_ACTIONS)
    compromised_events = checkboxes(EVENTS, required=False, label="Check passwords on")
    notify_source_arn = ArnField(pattern=ARN_SES_IDENTITY, label="SES identity ARN (sends the notifications)",
                                 example="arn:aws:ses:us-east-1:123456789012:identity/example.com")
    notify_from = forms.EmailField(required=False, label="From address")
    notify_reply_to = forms.EmailField(required=False, label="Reply-to address")
    skipped_ips = LinesField(required=False, label="Always allow (never checked for risk)",
                             help_text="One IP range a line in CIDR notation, such as 192.0.2.0/24.")
    blocked_ips = LinesField(required=False, label="Always block",
                             help_text="One IP range a line in CIDR notation, such as 198.51.100.7/32.")

    def __init__(self, *args, current: ThreatSettings, **kwargs):
        self.current = current
        super().__init__(*args, initial=self._initial(current), **kwargs)
        for level in LEVELS:
            self.fields[f"{level}_action"] = forms.ChoiceField(label=f"{level.title()} risk",
                                                               choices=TAKEOVER_ACTIONS)
            self.fields[f"{level}_notify"] = forms.BooleanField(required=False, label=f"Email the user ({level})")
        for name in TEMPLATES:
            label = TEMPLATE_LABELS[name]
            self.fields[f"{name}_subject"] = forms.CharField(required=False, max_length=140,
                                                             label=f"{label}: subject")
            self.fields[f"{name}_text"] = forms.CharField(required=False, max_length=20000, label=f"{label}: text",
                                                          widget=forms.Textarea(attrs={"rows": 3}))
            self.fields[f"{name}_html"] = forms.CharField(required=False, max_length=20000, label=f"{label}: HTML",
                                                          widget=forms.Textarea(attrs={"rows": 3}))
        self.fieldset_names = [
            *([("Mode", ["mode"])] if not current.client_id else []),
            ("Compromised credentials", COMPROMISED_FIELDS),
            ("Adaptive authentication (account takeover)", ACTION_FIELDS),
            ("Notification emails", NOTIFY_FIELDS + EMAIL_FIELDS),
            ("IP addresses", EXCEPTION_FIELDS),
            ("Audit", ["reason"]),
        ]
        if current.client_id:
            del self.fields["mode"]

    @staticmethod
    def _initial(c: ThreatSettings) -> dict:
        initial = {
            "mode": c.mode,
            "compromised_action": c.compromised_action,
            "compromised_events": c.compromised_events,
            "notify_source_arn": c.notify.get("SourceArn", ""),
            "notify_from": c.notify.get("From", ""),
            "notify_reply_to": c.notify.get("ReplyTo", ""),
            "skipped_ips": c.skipped_ips,
            "blocked_ips": c.blocked_ips,
        }
        for level, (action, notify) in c.actions.items():
            initial.update({f"{level}_action": action, f"{level}_notify": notify})
        for name, email in c.emails.items():
            initial.update({f"{name}_subject": email["Subject"], f"{name}_text": email["TextBody"],
                            f"{name}_html": email["HtmlBody"]})
        return initial

    def clean_skipped_ips(self):
        return cidr_ranges(self.cleaned_data["skipped_ips"])

    def clean_blocked_ips(self):
        return cidr_ranges(self.cleaned_data["blocked_ips"])

    def clean(self):
        data = super().clean()
        mode = data.get("mode", self.current.mode)
        if "mode" in self.changed_data and mode != "OFF" and needs("Threat protection", PLUS, self.current.tier):
            self.add_error("mode", needs("Threat protection", PLUS, self.current.tier))
        if mode == "OFF" and set(self.changed_data) & set(RISK_FIELDS):
            self.add_error(None, NEEDS_ON)
        if "compromised_events" in data and not data["compromised_events"]:
            self.add_error("compromised_events", "Choose at least one event to check passwords on.")
        both = set(data.get("skipped_ips") or []) & set(data.get("blocked_ips") or [])
        if both:
            self.add_error("blocked_ips", f"A range cannot be both allowed and blocked: {', '.join(sorted(both))}.")
        self._clean_notifications(data)
        return data

    def _clean_notifications(self, data):
        if any(data.get(f"{level}_notify") for level in LEVELS) and not data.get("notify_source_arn"):
            self.add_error("notify_source_arn", "Emailing users needs the SES identity Cognito sends from.")
        for name in TEMPLATES:
            subject, bodies = data.get(f"{name}_subject"), [data.get(f"{name}_text"), data.get(f"{name}_html")]
            if any(bodies) and not subject:
                self.add_error(f"{name}_subject", "An email with a body needs a subject.")
            if subject and not any(bodies):
                self.add_error(f"{name}_text", "Write the email's text or HTML body.")
            for part, body in zip(("text", "html"), bodies, strict=True):
                if body and len(body) < BODY_MIN:
                    self.add_error(f"{name}_{part}", f"A body has at least {BODY_MIN} characters.")
