"""One remembered device's details (AdminGetDevice), loaded into the user page's device list on
demand: a stolen laptop is recognised by its name, last sign-in and IP address."""

from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from console.accounts.permissions import require
from console.cognito.errors import CognitoError
from console.cognito.factors import device_get
from console.users.factor_forms import DEVICE_KEY


@require_GET
@never_cache
@require("helpdesk_users")
def device_detail(request, pool_id, device_key, username):
    try:
        DEVICE_KEY(device_key)
    except ValidationError:
        return HttpResponseBadRequest("This is not a Cognito device key.")
    context = {"device_key": device_key}
    try:
        context["device"] = device_get(pool_id, username, device_key)
    except CognitoError as exc:
        context["error"] = exc.message
    return render(request, "users/device.html", context)
