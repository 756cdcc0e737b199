"""Users pages: the searchable table, one user's page with its actions, inviting a user,
and the finder across every pool. Views parse, authorise, call a selector or service, render."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from console.accounts.permissions import check_perm, has_perm, require
from console.accounts.policy import ReasonMissing
from console.cognito.errors import CognitoError
from console.cognito.groups import groups_list
from console.core.htmx import wants_partial
from console.pools.selectors import pools_visible
from console.users import selectors, services
from console.users.actions import ACTIONS, DEVICES, HELPDESK, USER_PAGE_ACTIONS, UserAction, action_run
from console.users.diagnosis import user_diagnosis
from console.users.event_forms import VERDICTS
from console.users.event_selectors import user_events_page
from console.users.factor_selectors import user_sign_in_security
from console.users.forms import AttributesForm, CreateUserForm, SearchForm, editable_attributes
from console.users.identity_selectors import user_identities

# --- The users table ---------------------------------------------------------------


def _query_from(form: SearchForm, tokens: list[str]) -> selectors.UserQuery:
    data = form.cleaned_data
    return selectors.UserQuery(
        text=data.get("q") or "",
        attribute=data.get("attr") or "email",
        exact=data.get("match") == "exact",
        status=data.get("status") or "",
        enabled=data.get("enabled") or "",
        group=(data.get("group") or "").strip(),
        tokens=tokens,
    )


def _page_url(base: dict, tokens: list[str]) -> str:
    params = [(k, v) for k, v in base.items() if v] + [("t", t) for t in tokens]
    return "?" + urlencode(params) if params else "?"


@require_GET
@vary_on_headers("HX-Request")
@require("view_console")
def user_list(request, pool_id):
    _remember_pool(request, pool_id)
    form = SearchForm(request.GET)
    # Each token in the URL is the start of one page already seen: the stack makes "previous" work.
    tokens = [t for t in request.GET.getlist("t") if t][:200]
    result, error = None, ""
    if form.is_valid():
        query = _query_from(form, tokens)
        try:
            result = selectors.users_search(pool_id, query)
        except selectors.QueryError as exc:
            error = str(exc)
    else:
        query = selectors.UserQuery()
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
    base = {k: form.cleaned_data.get(k, "") for k in SearchForm.base_fields} if form.is_valid() else {}
    context = {
        "pool_id": pool_id,
        # One reverse() per page instead of one per row.
        "detail_prefix": reverse("users:detail", args=[pool_id, "_"])[:-1],
        "form": form,
        "query": query,
        "result": result,
        "error": error,
        "next_url": _page_url(base, [*tokens, result.next_token]) if result and result.next_token else "",
        "prev_url": _page_url(base, tokens[:-1]) if tokens else "",
        "groups": _groups_quietly(pool_id) if not wants_partial(request) else [],
        "bulk_actions": bulk_actions_for(request.user),
    }
    if not wants_partial(request):
        data = form.cleaned_data if form.is_valid() else {}
        context["selects"] = [_select(name, data.get(name) or default) for name, default in SELECTS]
    template = "users/list.html" if not wants_partial(request) else "users/list.html#results"
    return render(request, template, context)


# The search form's menus, written out by the template (see users/list.html), with their defaults.
SELECTS = (("attr", "email"), ("match", "prefix"), ("status", ""), ("enabled", ""))


def _select(name: str, current: str) -> tuple[str, str, list[tuple[str, str, bool]]]:
    """(name, label, [(value, text, selected)]): the comparison made here once per option, not
    by the template engine."""
    field = SearchForm.base_fields[name]
    return name, field.label, [(value, text, value == current) for value, text in field.choices]


def bulk_actions_for(operator):
    from console.jobs.bulk import allowed_actions

    return allowed_actions(operator)


def _groups_quietly(pool_id: str):
    """The pool's groups for the filter and the add-to-group menu; cached briefly, and a failure
    only empties the menu (the page itself still works)."""
    key = f"console:users:groups:{pool_id}"
    groups = cache.get(key)
    if groups is None:
        try:
            groups = groups_list(pool_id)
        except CognitoError:
            return []
        cache.set(key, groups, 30)
    return groups


def _remember_pool(request, pool_id: str) -> None:
    # Only write the session when the pool changes: a write per page view costs a query.
    if request.session.get("pool_id") != pool_id:
        request.session["pool_id"] = pool_id


# --- One user ------------------------------------------------------------------------


# A user in many groups: the first ones as badges, the rest behind "n more" (issue 12 item 10).
GROUPS_SHOWN = 8


@dataclass
class Flash:
    level: str  # success, error, info
    message: str
    secret: str = ""  # a generated temporary password, shown once
    field: str = ""  # the field to fix, focused by the page (the reason, the typed delete confirmation)


def _can(request, codename: str) -> bool:
    return has_perm(request.user, codename)


def _detail_context(request, pool_id: str, username: str, *, flash: Flash | None = None) -> dict:
    detail = selectors.user_detail(pool_id, username)
    can = {
        "helpdesk": _can(request, "helpdesk_users"),
        "manage": _can(request, "manage_users"),
        "membership": _can(request, "manage_membership"),
    }
    context = {
        "pool_id": pool_id,
        "d": detail,
        "u": detail.user,
        "groups_shown": detail.groups[:GROUPS_SHOWN],
        "groups_more": detail.groups[GROUPS_SHOWN:],
        "can": can,
        "flash": flash,
        "actions": ACTIONS,
        "helpdesk_actions": [a for a in ACTIONS.values() if a.section == HELPDESK and a.shown(detail.user)],
        "security": user_sign_in_security(pool_id, username),
        "device_actions": [a for a in ACTIONS.values() if a.section == DEVICES],
        "identities": user_identities(pool_id, detail.user, with_providers=can["manage"]),
        "events": user_events_page(pool_id, username),
        "verdicts": VERDICTS,
    }
    context["diagnosis"] = user_diagnosis(
        operator=request.user,
        pool_id=pool_id,
        user=detail.user,
        pool=selectors.pool_settings(pool_id),
        factors=context["security"].factors,
        events=context["events"].items,
        history=detail.audit,
    )
    if can["manage"]:
        pool = selectors.pool_settings(pool_id)
        schema = pool.get("SchemaAttributes") or []
        context["attributes_form"] = AttributesForm(schema=schema, current=detail.user.attributes)
        required = {a["Name"] for a in schema if a.get("Required")}
        removable = [a["Name"] for a in editable_attributes(schema) if a["Name"] not in required]
        context["removable"] = [n for n in removable if n in detail.user.attributes]
    if can["membership"]:
        member_of = {g.name for g in detail.groups}
        context["other_groups"] = [g for g in _groups_quietly(pool_id) if g.name not in member_of]
    return context


@require_GET
@vary_on_headers("HX-Request")
@require("view_console")
def user_detail(request, pool_id, username):
    _remember_pool(request, pool_id)
    full = not wants_partial(request)
    context = _detail_context(request, pool_id, username)
    return render(request, "users/detail.html" if full else "users/detail.html#panel", context)


def _errors_text(form) -> str:
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        parts.append(f"{label}: {' '.join(errors)}" if label else " ".join(errors))
    return " ".join(parts)


def _run(request, pool_id: str, username: str, action: UserAction) -> Flash:
    """Validate the action's form and run it through the catalogue; the outcome in words."""
    form = action.form(request.POST, pool_id=pool_id, username=username)
    if not form.is_valid():
        field = "reason" if "reason" in form.errors else next(iter(form.errors))
        return Flash("error", _errors_text(form), field=field)
    params = action.params(form)
    try:
        result = action_run(
            operator=request.user,
            action=action,
            pool_id=pool_id,
            username=username,
            reason=form.cleaned_data["reason"],
            **params,
        )
    except ReasonMissing as exc:
        return Flash("error", str(exc), field="reason")
    return Flash("success", action.done_message(params, result), secret=result if action.returns_secret else "")


@require_POST
@never_cache
@require("view_console")
def user_action(request, pool_id, action):
    spec = USER_PAGE_ACTIONS.get(action)
    if spec is None:
        raise Http404("No such action.")
    check_perm(request.user, spec.permission)
    username = request.POST.get("username", "")
    if not username:
        return HttpResponseBadRequest("The username is missing.")
    try:
        flash = _run(request, pool_id, username, spec)
    except CognitoError as exc:
        flash = Flash("error", exc.message)
    if action == "delete" and flash.level == "success":
        messages.success(request, flash.message)
        url = reverse("users:list", args=[pool_id])
        return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    full = not request.htmx
    context = _detail_context(request, pool_id, username, flash=flash)
    context["reason"] = request.POST.get("reason", "")
    return render(request, "users/detail.html" if full else "users/detail.html#panel", context)


# --- Inviting a user -------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@never_cache
@require("manage_users")
def user_create(request, pool_id):
    pool = selectors.pool_settings(pool_id)
    form = CreateUserForm(request.POST or None, pool=pool)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_create(
                pool_id=pool_id,
                username=form.cleaned_data["username"],
                attributes=form.create_attributes(),
                delivery=form.cleaned_data["delivery"],
                temporary_password=form.cleaned_data["temporary_password"],
                reason=form.cleaned_data["reason"],
            )
        except CognitoError as exc:
            error = exc.message
        else:
            messages.success(request, f"User {form.cleaned_data['username']} created.")
            return redirect("users:detail", pool_id=pool_id, username=user.username)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "users/create.html", {"pool_id": pool_id, "pool": pool, "form": form, "error": error}, status=status
    )


# --- Find in all pools ---------------------------------------------------------------


@require_GET
@require("view_console")
def user_find(request):
    term = request.GET.get("q", "").strip()
    attribute = request.GET.get("attr", "")
    result, error = None, ""
    if term:
        try:
            selectors.find_rate_check(request.user.pk)
            pools = pools_visible(request.user)
            result = selectors.users_find_everywhere(pools=pools, term=term, attribute=attribute)
        except (selectors.RateLimited, selectors.QueryError) as exc:
            error = str(exc)
    context = {
        "term": term,
        "attribute": attribute,
        "result": result,
        "error": error,
        "max_pools": settings.CONSOLE_FIND_MAX_POOLS,
        "max_results": settings.CONSOLE_FIND_MAX_RESULTS,
    }
    return render(request, "users/find.html", context, status=429 if error.startswith("You can search") else 200)
