"""Template side of the user-action catalogue (console/users/actions.py)."""

from django import template

from console.core.templatetags.console_tags import pool_name
from console.users.actions import ACTIONS, user_label

register = template.Library()


@register.simple_tag(takes_context=True)
def action_confirm(context, action, user, pool_id: str, **params) -> str:
    """The action's question naming the user (name and email) and the pool (its name); escaped by the template.
    `action` is a catalogue entry or its name."""
    if isinstance(action, str):
        action = ACTIONS[action]
    return action.confirm_text(user=user_label(user), pool=pool_name(context, pool_id), **params)
