from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods, require_POST

from console.accounts.permissions import require
from console.cognito.errors import CognitoError
from console.pools.changes import ChangeRefused
from console.pools.domains import services
from console.pools.domains.forms import CustomDomainForm, DomainForm, DomainSettingsForm
from console.pools.pages import edit_page
from console.pools.selectors import pool_get


@require_POST
@require("manage_pools")
def domain_new(request, pool_id):
    form = DomainForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("pools:detail", pool_id=pool_id)
    try:
        d = form.cleaned_data
        services.domain_create(operator=request.user, pool_id=pool_id, prefix=d["prefix"], reason=d["reason"])
    except (CognitoError, ChangeRefused) as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Domain {form.cleaned_data['prefix']} created.")
    return redirect("pools:detail", pool_id=pool_id)


@require_http_methods(["GET", "POST"])
@require("manage_pools")
def custom_domain_new(request, pool_id):
    form = CustomDomainForm(request.POST or None, initial={"version": 2})

    def save():
        d = form.cleaned_data
        return services.custom_domain_create(operator=request.user, pool_id=pool_id, domain=d["domain"],
                                             certificate_arn=d["certificate_arn"], version=d["version"],
                                             reason=d["reason"])

    return edit_page(request, form, save, pool=pool_get(pool_id), title="Custom domain",
                     template="pools/domains/edit.html")


@require_http_methods(["GET", "POST"])
@require("manage_pools")
def domain_settings(request, pool_id, kind):
    if kind not in services.KINDS:
        raise Http404("No such kind of domain.")
    domain = services.pool_domain(pool_id, kind)
    if not domain:
        raise Http404("The pool has no such domain.")
    current = services.domain_settings(pool_id, domain)
    initial = {"version": current["ManagedLoginVersion"], "certificate_arn": current.get("CertificateArn", "")}
    form = DomainSettingsForm(request.POST or None, initial=initial, custom=kind == "custom")

    def save():
        return services.domain_settings_save(operator=request.user, pool_id=pool_id, kind=kind,
                                             cleaned=form.cleaned_data, reason=form.cleaned_data["reason"])

    return edit_page(request, form, save, pool=pool_get(pool_id), title=f"Domain {domain}",
                     template="pools/domains/edit.html", domain=domain)


@require_POST
@require("manage_pools")
def domain_remove(request, pool_id):
    kind = request.POST.get("kind", "prefix")
    if kind not in services.KINDS:
        raise Http404("No such kind of domain.")
    try:
        services.domain_delete(operator=request.user, pool_id=pool_id, kind=kind, reason=request.POST.get("reason", ""))
    except (CognitoError, ChangeRefused) as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Domain deleted.")
    return redirect("pools:detail", pool_id=pool_id)
