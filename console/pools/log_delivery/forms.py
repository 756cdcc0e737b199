"""The log delivery form: each kind of log to one destination, its ARN validated (user
notification errors to CloudWatch Logs only; user auth events, on the Plus plan, to CloudWatch
Logs, S3 or Firehose); services.py builds the request."""

import re

from console.pools.fields import ArnField, ReasonMixin
from console.pools.log_delivery.selectors import LogDelivery
from console.pools.tiers import PLUS, needs

LOG_GROUP = r"arn:aws[\w-]*:logs:[a-z0-9-]+:\d{12}:log-group:[\w.\-/#]{1,512}"
BUCKET = r"arn:aws[\w-]*:s3:::[a-z0-9][a-z0-9.\-]{1,61}[a-z0-9]"
STREAM = r"arn:aws[\w-]*:firehose:[a-z0-9-]+:\d{12}:deliverystream/[\w.\-]{1,64}"
# The destination block an ARN of each kind goes into.
KINDS = {
    "CloudWatchLogsConfiguration": re.compile(f"^{LOG_GROUP}$"),
    "S3Configuration": re.compile(f"^{BUCKET}$"),
    "FirehoseConfiguration": re.compile(f"^{STREAM}$"),
}
AUTH_EVENTS_FEATURE = "Delivering user auth event logs"
EXAMPLE_GROUP = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/cognito/errors"


def destination_of(arn: str) -> str:
    return next(block for block, pattern in KINDS.items() if pattern.match(arn))


class LogDeliveryForm(ReasonMixin):
    notifications_arn = ArnField(
        pattern=KINDS["CloudWatchLogsConfiguration"],
        example=EXAMPLE_GROUP,
        label="User notification errors: CloudWatch Logs log group ARN",
        help_text="Each email or SMS Cognito failed to deliver (ERROR level): what tells the helpdesk why a code "
        "never arrived. Leave empty to stop delivering them.",
    )
    auth_events_arn = ArnField(
        pattern=re.compile(f"^(?:{LOG_GROUP}|{BUCKET}|{STREAM})$"),
        example=f"{EXAMPLE_GROUP}, arn:aws:s3:::my-bucket or arn:aws:firehose:us-east-1:123456789012:"
        "deliverystream/my-stream",
        label="User auth events: log group, S3 bucket or Firehose stream ARN",
        help_text="Each sign-in with its threat protection risk assessment (INFO level); Plus plan only. "
        "Leave empty to stop delivering them.",
    )
    field_order = ["notifications_arn", "auth_events_arn", "reason"]

    def __init__(self, *args, current: LogDelivery, **kwargs):
        self.current = current
        initial = {"notifications_arn": current.notifications_arn, "auth_events_arn": current.auth_events_arn}
        super().__init__(*args, initial=initial, **kwargs)

    def clean(self):
        data = super().clean()
        refusal = needs(AUTH_EVENTS_FEATURE, PLUS, self.current.tier)
        if "auth_events_arn" in self.changed_data and data.get("auth_events_arn") and refusal:
            self.add_error("auth_events_arn", refusal)
        return data
