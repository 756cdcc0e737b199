"""Saving threat protection: the mode through UpdateUserPool (the one whole-configuration rule,
changes.py) and the risk configuration through SetRiskConfiguration, sent whole: a block whose
fields the operator did not change goes back as Cognito returned it. One audit event with
before and after."""

import copy

from console.cognito import security
from console.pools.changes import ChangeRefused, audited, change_allowed, changes_between, update_prepared
from console.pools.settings.services import POOL
from console.pools.threats.forms import (
    COMPROMISED_FIELDS,
    EXCEPTION_FIELDS,
    NEEDS_ON,
    RISK_FIELDS,
    TAKEOVER_FIELDS,
)
from console.pools.threats.selectors import LEVELS, TEMPLATE_KEYS
from console.pools.tiers import PLUS, needs, pool_tier, threat_mode


def _email(d: dict, name: str) -> dict | None:
    email = {"Subject": d[f"{name}_subject"], "TextBody": d[f"{name}_text"], "HtmlBody": d[f"{name}_html"]}
    email = {k: v for k, v in email.items() if v}
    return email if email.get("Subject") else None


def takeover_request(d: dict) -> dict:
    actions = {f"{level.title()}Action": {"EventAction": d[f"{level}_action"], "Notify": d[f"{level}_notify"]}
               for level in LEVELS}
    block = {"Actions": actions}
    if d["notify_source_arn"]:
        notify = {"SourceArn": d["notify_source_arn"], "From": d["notify_from"], "ReplyTo": d["notify_reply_to"]}
        notify.update({key: _email(d, name) for name, key in TEMPLATE_KEYS.items()})
        block["NotifyConfiguration"] = {k: v for k, v in notify.items() if v}
    return block


def risk_request(current: dict, d: dict, changed: set[str]) -> dict:
    """The whole SetRiskConfiguration request: the current blocks, with each block whose fields
    changed rebuilt from the form (which shows every value of it)."""
    config = copy.deepcopy(current)
    if changed & set(COMPROMISED_FIELDS):
        config["CompromisedCredentialsRiskConfiguration"] = {
            "EventFilter": list(d["compromised_events"]),
            "Actions": {"EventAction": d["compromised_action"]},
        }
    if changed & set(TAKEOVER_FIELDS):
        config["AccountTakeoverRiskConfiguration"] = takeover_request(d)
    if changed & set(EXCEPTION_FIELDS):
        lists = {"SkippedIPRangeList": d["skipped_ips"], "BlockedIPRangeList": d["blocked_ips"]}
        config["RiskExceptionConfiguration"] = {k: list(v) for k, v in lists.items() if v}
    return {k: v for k, v in config.items() if v}


def threats_save(*, operator, pool_id: str, cleaned: dict, changed: set[str], client_id: str = "",
                 reason: str = "") -> list[dict]:
    """Save the form's changes and nothing else; returns what changed, as audited."""
    reason = change_allowed("pool.threats", operator=operator, pool_id=pool_id, reason=reason)
    changed = set(changed) & {"mode", *RISK_FIELDS}
    if client_id:
        changed.discard("mode")  # the mode is the pool's
    mode = {"UserPoolAddOns": {"AdvancedSecurityMode": cleaned["mode"]}} if "mode" in changed else {}
    update = update_prepared(POOL, pool_id, changes=mode)
    mode_after = threat_mode(update.request)
    refusal = None  # refused inside the audited call, so the refusal is recorded too
    if mode and mode_after not in ("OFF", threat_mode(update.current)):
        plan = needs("Threat protection", PLUS, pool_tier(update.described))
        refusal = ChangeRefused(plan, code="FeatureUnavailableInTier") if plan else None
    if changed & set(RISK_FIELDS) and mode_after == "OFF":
        refusal = ChangeRefused(NEEDS_ON, code="UserPoolAddOnNotEnabled")
    diff = list(update.diff)

    risk_before, risk_after, own = {}, {}, True
    if changed & set(RISK_FIELDS) and not refusal:
        risk_before, own = security.risk_get(pool_id, client_id or None)
        risk_after = risk_request(risk_before, cleaned, changed)
        diff += changes_between(risk_before, risk_after, prefix="Risk.")
    if not diff and not refusal:
        return []

    def call():
        if refusal:
            raise refusal
        if update.changes_something:
            POOL.send(update.request)
        if risk_after != risk_before:
            security.risk_set(pool_id, risk_after, client_id or None)

    target = client_id or update.described.get("Name", "")
    params = {"changes": diff, "client": client_id, "was_inherited": not own}
    audited("pool.threats", call, pool_id=pool_id, target=target, reason=reason, params=params)
    return diff
