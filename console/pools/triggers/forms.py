"""The Lambda triggers form: one ARN field per trigger of the catalogue (selectors.TRIGGERS),
validated before any call; services.py builds the LambdaConfig."""

import re

from django import forms

from console.accounts.policy import ReasonField
from console.pools.fields import FieldsetsMixin
from console.pools.triggers.selectors import MESSAGES, PRE_TOKEN_VERSIONS, TRIGGERS, TriggerSettings

LAMBDA_ARN = re.compile(
    r"^arn:aws[a-z-]*:lambda:(?P<region>[a-z]{2}(-[a-z]+)+-\d):\d{12}:function:[\w-]{1,64}(:(\$LATEST|[\w-]{1,128}))?$"
)
KMS_ARN = re.compile(r"^arn:aws[a-z-]*:kms:[a-z]{2}(-[a-z]+)+-\d:\d{12}:key/[\w-]+$")
VERSION_CHOICES = [
    ("V1_0", "Version 1: ID token claims and groups"),
    ("V2_0", "Version 2: ID and access token claims and scopes (Essentials or Plus)"),
    ("V3_0", "Version 3: version 2, also for machine-to-machine tokens (Essentials or Plus)"),
]
SENDERS = ["custom_email_sender", "custom_sms_sender"]
ARN_HELP = "arn:aws:lambda:region:account:function:name, optionally with :version or :alias. Empty: none."


class TriggersForm(FieldsetsMixin, forms.Form):
    reason = ReasonField()  # the reason rule (CONSOLE_REASON_REQUIRED) shown beside the field
    pre_token_version = forms.ChoiceField(label="Pre token generation event version", choices=VERSION_CHOICES)
    kms_key = forms.CharField(label="KMS key ARN for the custom senders", required=False, max_length=2048,
                              help_text="arn:aws:kms:region:account:key/id — needed by a custom sender.")

    def __init__(self, *args, current: TriggerSettings, **kwargs):
        self.current = current
        initial = {**current.arns, "pre_token_version": current.pre_token_version, "kms_key": current.kms_key}
        super().__init__(*args, initial=initial, **kwargs)
        groups: dict[str, list[str]] = {}
        for trigger in TRIGGERS:
            self.fields[trigger.name] = forms.CharField(
                label=f"{trigger.label} Lambda", required=False, max_length=2048,
                help_text=f"{trigger.help} {ARN_HELP}",
            )
            names = groups.setdefault(trigger.group, [])
            names.append(trigger.name)
            if trigger.version_field:
                names.append(trigger.version_field)
        groups[MESSAGES].append("kms_key")
        self.fieldset_names = [*groups.items(), ("Audit", ["reason"])]
        self.order_fields([name for _, names in self.fieldset_names for name in names])

    def clean(self):
        data = super().clean()
        region = self.current.region
        for trigger in TRIGGERS:
            arn = (data.get(trigger.name) or "").strip()
            data[trigger.name] = arn
            match = LAMBDA_ARN.match(arn)
            if arn and not match:
                self.add_error(trigger.name, "Not a Lambda function ARN: arn:aws:lambda:region:account:function:name.")
            elif match and region and match["region"] != region:
                self.add_error(trigger.name, f"The function is in {match['region']}; the pool calls only functions "
                                             f"in its own region, {region}.")
        kms = (data.get("kms_key") or "").strip()
        data["kms_key"] = kms
        if kms and not KMS_ARN.match(kms):
            self.add_error("kms_key", "Not a KMS key ARN: arn:aws:kms:region:account:key/id.")
        if not kms and any(data.get(name) for name in SENDERS):
            self.add_error("kms_key", "A custom sender needs the KMS key Cognito encrypts the codes with.")
        version = data.get("pre_token_version")
        if data.get("pre_token_generation") and version != "V1_0" and self.current.tier == "LITE":
            self.add_error("pre_token_version", "Versions 2 and 3 need the Essentials or Plus feature tier.")
        if version not in PRE_TOKEN_VERSIONS:
            data["pre_token_version"] = "V1_0"
        return data
