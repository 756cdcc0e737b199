from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def pool_name(context, pool_id: str) -> str:
    """A pool's name for breadcrumbs, from the switcher list the layout already has
    (no extra Cognito call); the id when the pool is not in it."""
    for pool in context.get("switcher_pools") or ():
        if pool.id == pool_id:
            return pool.name
    return pool_id
