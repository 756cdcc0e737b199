"""A pool's custom attributes: added only through here, audited (Cognito never removes one)."""

from console.cognito import pools as cognito_pools
from console.pools.changes import ChangeRefused, audited, change_allowed

CUSTOM_ATTRIBUTE_TYPES = ("String", "Number", "DateTime", "Boolean")


def custom_attribute_request(
    *, name: str, data_type: str, mutable: bool = True, min_value=None, max_value=None
) -> dict:
    """One CustomAttributes / Schema entry (the name without custom:)."""
    attribute = {"Name": name, "AttributeDataType": data_type, "Mutable": mutable}
    bounds = {}
    if min_value is not None:
        bounds["MinLength" if data_type == "String" else "MinValue"] = str(min_value)
    if max_value is not None:
        bounds["MaxLength" if data_type == "String" else "MaxValue"] = str(max_value)
    if bounds and data_type == "String":
        attribute["StringAttributeConstraints"] = bounds
    elif bounds and data_type == "Number":
        attribute["NumberAttributeConstraints"] = bounds
    return attribute


def pool_attribute_add(*, operator, pool_id: str, attribute: dict, reason: str = "") -> None:
    """Add one custom attribute (Cognito can never remove it again)."""
    reason = change_allowed("pool.add_attribute", operator=operator, pool_id=pool_id, reason=reason)
    described = cognito_pools.pool_describe(pool_id, fresh=True)
    existing = {a["Name"] for a in described.get("SchemaAttributes") or []}
    full_name = f"custom:{attribute['Name']}"

    def call():
        if full_name in existing:
            raise ChangeRefused(f"The pool already has an attribute named {full_name}.", code="AttributeExists")
        cognito_pools.pool_add_custom_attributes(pool_id, [attribute])

    audited(
        "pool.add_attribute",
        call,
        pool_id=pool_id,
        target=described.get("Name", ""),
        reason=reason,
        params={"attribute": attribute},
    )


def custom_attribute_add(*, operator, pool_id: str, cleaned: dict, reason: str = "") -> None:
    """The custom attribute form's attribute."""
    attribute = custom_attribute_request(
        name=cleaned["name"],
        data_type=cleaned["data_type"],
        mutable=cleaned["mutable"],
        min_value=cleaned["min_value"],
        max_value=cleaned["max_value"],
    )
    pool_attribute_add(operator=operator, pool_id=pool_id, attribute=attribute, reason=reason)
