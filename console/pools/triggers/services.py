"""Saving a pool's Lambda triggers: the whole LambdaConfig, built from the one Cognito has now
(a trigger the console does not know goes back as it was), sent through the one
whole-configuration rule (changes.py) so every other setting is kept; audited once."""

import dataclasses

from console.pools.changes import change_allowed, update_saved
from console.pools.settings.services import POOL
from console.pools.triggers.selectors import TRIGGERS

# LambdaConfig is replaced whole: a trigger removed in the form must be left out of it.
TRIGGERS_POOL = dataclasses.replace(POOL, replaced_whole=(*POOL.replaced_whole, "LambdaConfig"))


def lambda_config(current: dict, d: dict) -> dict:
    """The LambdaConfig for the form's values, over the current one."""
    config = dict(current or {})
    for trigger in TRIGGERS:
        arn = d[trigger.name]
        if not arn:
            config.pop(trigger.key, None)
        elif trigger.versioned:
            version = d[trigger.version_field] if trigger.version_field else trigger.version
            config[trigger.key] = {"LambdaArn": arn, "LambdaVersion": version}
        else:
            config[trigger.key] = arn
    # The legacy key names the same function as the versioned block, or is left out with it.
    config.pop("PreTokenGeneration", None)
    if d["pre_token_generation"]:
        config["PreTokenGeneration"] = d["pre_token_generation"]
    if d["kms_key"]:
        config["KMSKeyID"] = d["kms_key"]
    else:
        config.pop("KMSKeyID", None)
    return config


def triggers_save(*, operator, pool_id: str, cleaned: dict, changed: set[str], reason: str = "") -> list[dict]:
    """Save the form's triggers; returns what changed, as audited. The operator's permission,
    pool scope and the reason rule are checked here, whoever calls."""
    reason = change_allowed("pool.triggers", operator=operator, pool_id=pool_id, reason=reason)
    if not set(changed) - {"reason"}:
        return []

    def changes(described: dict) -> dict:
        return {"LambdaConfig": lambda_config(described.get("LambdaConfig") or {}, cleaned)}

    return update_saved(TRIGGERS_POOL, pool_id, action="pool.triggers", changes=changes, pool_id=pool_id,
                        reason=reason)
