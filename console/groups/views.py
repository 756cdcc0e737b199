from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from console.accounts.permissions import has_perm, require
from console.accounts.policy import ReasonMissing
from console.cognito import groups as cognito_groups
from console.cognito.errors import CognitoError
from console.cognito.users import users_page
from console.core.htmx import wants_partial
from console.groups import selectors, services
from console.groups.forms import GroupForm, MembershipForm, search_filters
from console.users.actions import ACTIONS, action_run, user_label
from console.users.selectors import users_named

MEMBERS_PER_PAGE = 25
SEARCH_RESULTS = 10


@require_GET
@require("view_console")
def group_list(request, pool_id):
    request.session["pool_id"] = pool_id
    context = {
        "pool_id": pool_id,
        "groups": cognito_groups.groups_list(pool_id),
        "can_manage": has_perm(request.user, "manage_pools"),
    }
    return render(request, "groups/list.html", context)


@require_GET
@require("view_console")
def group_count(request, pool_id, group):
    """The member count, on demand: Cognito has no count, so this walks the members."""
    count = selectors.group_member_count(pool_id, group)
    return render(request, "groups/list.html#count", {"count": count})


@require_http_methods(["GET", "POST"])
@require("manage_pools")
def group_new(request, pool_id):
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.group_create(pool_id=pool_id, group=d["name"], **_group_fields(d))
        except CognitoError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Group {d['name']} created.")
            return redirect("groups:members", pool_id=pool_id, group=d["name"])
    return render(request, "groups/form.html", {"form": form, "pool_id": pool_id, "title": "Create a group"})


@require_http_methods(["GET", "POST"])
@require("manage_pools")
def group_edit(request, pool_id, group):
    current = cognito_groups.group_get(pool_id, group)
    form = GroupForm(request.POST or None, group=current)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            diff = services.group_update(pool_id=pool_id, group=group, **_group_fields(d))
        except CognitoError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Saved {len(diff)} change(s)." if diff else "Nothing changed.")
            return redirect("groups:list", pool_id=pool_id)
    context = {"form": form, "pool_id": pool_id, "group": current, "title": f"Edit group {group}"}
    return render(request, "groups/form.html", context)


@require_http_methods(["GET", "POST"])
@require("manage_pools")
def group_remove(request, pool_id, group):
    if request.method == "POST":
        try:
            services.group_delete(pool_id=pool_id, group=group, reason=request.POST.get("reason", ""))
        except CognitoError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"Group {group} deleted.")
            return redirect("groups:list", pool_id=pool_id)
    current = cognito_groups.group_get(pool_id, group)
    # Fresh (still limited): the operator is about to delete what it counts.
    count = selectors.group_member_count(pool_id, group, fresh=True)
    return render(request, "groups/delete.html", {"pool_id": pool_id, "group": current, "count": count})


# --- Members ---------------------------------------------------------------------------


def _members_context(request, pool_id: str, group: str, page_number: int = 0) -> dict:
    """One page of members. Cognito pages forward only, so the tokens of the
    pages seen so far are kept in the session to go back."""
    key = f"members:{pool_id}:{group}"
    tokens = request.session.get(key) or [None]
    if page_number < 0 or page_number >= len(tokens):
        page_number = 0
    members, next_token = cognito_groups.members_page(pool_id, group, limit=MEMBERS_PER_PAGE, token=tokens[page_number])
    tokens = tokens[: page_number + 1]
    if next_token:
        tokens.append(next_token)
    request.session[key] = tokens
    return {
        "pool_id": pool_id,
        "group": group,
        "members": members,
        "page_number": page_number,
        "has_next": bool(next_token),
        "can_manage_members": has_perm(request.user, "manage_membership"),
    }


@vary_on_headers("HX-Request")
@require_GET
@require("view_console")
def group_members(request, pool_id, group):
    request.session["pool_id"] = pool_id
    try:
        page_number = int(request.GET.get("page", "0"))
    except ValueError:
        page_number = 0
    context = _members_context(request, pool_id, group, page_number)
    if wants_partial(request):
        return render(request, "groups/members.html#members", context)
    context["group_info"] = cognito_groups.group_get(pool_id, group)
    return render(request, "groups/members.html", context)


@require_GET
@require("manage_membership")
def member_search(request, pool_id, group):
    """The picker: users whose email or username starts with what was typed."""
    query = request.GET.get("q", "").strip()
    filters = search_filters(query)
    found, error = {}, ""
    for expression in filters:
        try:
            users, _ = users_page(pool_id, filter_expression=expression, limit=SEARCH_RESULTS)
        except CognitoError as exc:
            error = exc.message
            continue
        for user in users:
            found.setdefault(user.username, user)
    context = {
        "pool_id": pool_id,
        "group": group,
        "query": query,
        "results": list(found.values())[:SEARCH_RESULTS],
        "error": error,
        "unusable": bool(query) and not filters,
    }
    return render(request, "groups/members.html#results", context)


def _user_named(pool_id: str, username: str) -> str:
    """The user by name and email for the notice, not by username (often a UUID)."""
    return user_label(users_named(pool_id, [username]).get(username), username)


def _membership_change(request, pool_id: str, group: str, action: str, done: str) -> HttpResponse:
    form = MembershipForm(request.POST)
    notice, failed = "", False
    if not form.is_valid():
        notice, failed = " ".join(e for errors in form.errors.values() for e in errors), True
    else:
        try:
            # The same catalogue entry as the user page's group actions, under the same policy.
            action_run(
                operator=request.user,
                action=ACTIONS[action],
                pool_id=pool_id,
                username=form.cleaned_data["username"],
                reason=form.cleaned_data["reason"],
                group=group,
            )
        except (CognitoError, ReasonMissing) as exc:
            notice, failed = getattr(exc, "message", None) or str(exc), True
        else:
            notice = done.format(user=_user_named(pool_id, form.cleaned_data["username"]))
    if not request.htmx:
        (messages.error if failed else messages.success)(request, notice)
        return redirect("groups:members", pool_id=pool_id, group=group)
    context = _members_context(request, pool_id, group)
    context.update({"notice": notice, "failed": failed})
    return render(request, "groups/members.html#members", context)


@require_POST
@require("manage_membership")
def member_add(request, pool_id, group):
    return _membership_change(request, pool_id, group, "group_add", "Added {user} to the group.")


@require_POST
@require("manage_membership")
def member_remove(request, pool_id, group):
    return _membership_change(request, pool_id, group, "group_remove", "Removed {user} from the group.")


def _group_fields(cleaned_data: dict) -> dict:
    """What GroupForm gives both group_create and group_update (besides the group's name)."""
    return {field: cleaned_data[field] for field in ("description", "precedence", "role_arn", "reason")}
