"""What every pool resource's pages share."""

from django.contrib import messages

from console.cognito.errors import CognitoError
from console.pools.changes import ChangeRefused


def form_saved(request, form, save) -> bool:
    """Run an edit form's save (a service returning what changed): on success say how much
    changed; a refusal or Cognito's error goes on the form, shown again with the input kept."""
    try:
        diff = save()
    except (CognitoError, ChangeRefused) as exc:
        form.add_error(None, exc.message)
        return False
    messages.success(request, f"Saved {len(diff)} change(s)." if diff else "Nothing changed.")
    return True
