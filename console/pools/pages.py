"""What every pool resource's pages share."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from console.cognito.errors import CognitoError
from console.pools.changes import ChangeRefused
from console.pools.selectors import pool_get


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


def edit_page(request, form, save, *, pool, title: str, template: str = "pools/form.html", done: str = "", **context):
    """A pool resource's edit page: on a valid POST run `save` (see form_saved) and go to `done`
    (the pool's page by default); otherwise show the form, with its errors."""
    if request.method == "POST" and form.is_valid() and form_saved(request, form, save):
        return redirect(done or reverse("pools:detail", args=[pool.id]))
    context = {"form": form, "pool_id": pool.id, "pool": pool, "title": title, "submit": "Save", **context}
    return render(request, template, context)


def section_page(request, pool_id: str, form, save, *, title: str, template: str = "pools/form.html", **context):
    """One section of a pool's configuration (a form over a service that saves only what the
    operator changed): an edit page whose save(cleaned_data, changed_fields) returns what changed;
    save None shows the form without saving (a preview)."""
    if save is None:
        context = {"form": form, "pool_id": pool_id, "pool": pool_get(pool_id), "title": title, "submit": "Save",
                   **context}
        return render(request, template, context)
    return edit_page(request, form, lambda: save(form.cleaned_data, set(form.changed_data)),
                     pool=pool_get(pool_id), title=title, template=template, **context)
