"""The pages every resource inside a pool shares (app clients, identity providers, resource
servers): a form that creates or edits through one service call, and a confirmed action."""

from collections.abc import Callable

from django.contrib import messages
from django.shortcuts import redirect, render

from console.cognito.errors import CognitoError
from console.pools.changes import ChangeRefused


def saved_message(diff: list) -> str:
    return f"Saved {len(diff)} change(s)." if diff else "Nothing changed."


def form_page(
    request,
    form,
    *,
    save: Callable[[dict], object],
    done: Callable[[object], str],
    message: Callable[[object], str] | None = None,
    title: str,
    submit: str,
    **context,
):
    """GET: the form. POST: validate, save(cleaned data) through a service, then say so
    (message(result)) and go to done(result); a refusal or Cognito's error goes on the form,
    shown again with the input kept."""
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form.cleaned_data)
        except (CognitoError, ChangeRefused) as exc:
            form.add_error(None, exc.message)
        else:
            if message is not None:
                messages.success(request, message(result))
            return redirect(done(result))
    context.update(form=form, title=title, submit=submit)
    return render(request, "pools/form.html", context)


def edit_page(request, form, save: Callable[[dict], list], *, kind: str, name: str, done: str, **context):
    """The edit form of one resource ("Edit <kind> <name>"); save returns what changed."""
    return form_page(
        request,
        form,
        save=save,
        done=lambda _: done,
        message=saved_message,
        title=f"Edit {kind} {name}",
        submit=f"Save {kind}",
        **context,
    )


def action_page(request, act: Callable[..., None], *, done: str, message: str, failed: str = ""):
    """A confirmed POST action (a delete; the button asks first): act(reason=...) through a service,
    its result in a message on the page it goes back to."""
    try:
        act(reason=request.POST.get("reason", ""))
    except (CognitoError, ChangeRefused) as exc:
        messages.error(request, exc.message)
        return redirect(failed or done)
    messages.success(request, message)
    return redirect(done)
