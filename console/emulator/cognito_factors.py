"""Sign-in factors, MFA preferences and remembered devices for the emulator (issue 13, items 1-2).

moto has none of AdminGetUserAuthFactors, AdminDeleteSoftwareToken, email or WebAuthn MFA
preferences, or devices. These handlers answer them from state kept on moto's user, as Cognito
documents the behaviour:
- factors come from the user's own state: a password, a verified authenticator app (moto's
  token_verified, set by VerifySoftwareToken), email and phone number;
- AdminSetUserMFAPreference also takes EmailMfaSettings and WebAuthnMfaSettings;
- a device is remembered the way an app does it: ConfirmDevice with the user's access token;
  AdminListDevices/AdminGetDevice/AdminForgetDevice/AdminUpdateDeviceStatus read and change it.
Applied by console.emulator.cognito_fixes.apply(), in the emulator process only.
"""

import json

from moto.cognitoidp import models, responses
from moto.core.exceptions import JsonRESTError
from moto.core.responses import ActionResult, EmptyResult
from moto.core.utils import utcnow

from console.emulator import cognito_identities, cognito_imports, cognito_sessions

STATUS = "dev:device_remembered_status"


class ResourceNotFoundException(JsonRESTError):
    def __init__(self, message: str):
        super().__init__(error_type="ResourceNotFoundException", message=message)


def _state(user) -> dict:
    """The emulator's own per-user state, created on first use."""
    if not hasattr(user, "console_state"):
        user.console_state = {"email_mfa": False, "webauthn_mfa": False, "devices": {}}
    return user.console_state


def _user(response):
    params = json.loads(response.body)
    return response.backend.admin_get_user(params["UserPoolId"], params["Username"]), params


def _mfa_list(original):
    def to_json(self, extended=False, attributes_key="Attributes", attributes_to_get=None):
        data = original(self, extended, attributes_key, attributes_to_get)
        if extended and _state(self)["email_mfa"]:
            data["UserMFASettingList"] = [*data.get("UserMFASettingList", []), "EMAIL_OTP"]
        return data

    return to_json


def admin_get_user_auth_factors(self):
    user, _ = _user(self)
    attrs = user.attribute_lookup
    configured = ["PASSWORD"] if user.password else []
    if user.token_verified:
        configured.append("SOFTWARE_TOKEN")
    if attrs.get("email"):
        configured.append("EMAIL_OTP")
    if attrs.get("phone_number"):
        configured.append("SMS_OTP")
    data = user.to_json(extended=True)
    return ActionResult(
        {
            "Username": user.username,
            "PreferredMfaSetting": data["PreferredMfaSetting"],
            "UserMFASettingList": data["UserMFASettingList"],
            "ConfiguredUserAuthFactors": configured,
        }
    )


def admin_delete_software_token(self):
    user, _ = _user(self)
    user.token_verified = False
    user.software_token_mfa_enabled = False
    if user.preferred_mfa_setting == "SOFTWARE_TOKEN_MFA":
        user.preferred_mfa_setting = ""
    return EmptyResult()


def _admin_set_user_mfa_preference(original):
    def handler(self):
        user, params = _user(self)
        before = user.preferred_mfa_setting
        original(self)  # SMS and authenticator app, as moto does them
        state = _state(user)
        email = params.get("EmailMfaSettings")
        if email is not None:
            state["email_mfa"] = bool(email.get("Enabled"))
            if email.get("PreferredMfa") and state["email_mfa"]:
                user.preferred_mfa_setting = "EMAIL_OTP"
            elif user.preferred_mfa_setting == "EMAIL_OTP":
                user.preferred_mfa_setting = ""
        elif before == "EMAIL_OTP" and not user.preferred_mfa_setting:
            user.preferred_mfa_setting = before  # moto cleared a preference it does not know
        if params.get("WebAuthnMfaSettings") is not None:
            state["webauthn_mfa"] = bool(params["WebAuthnMfaSettings"].get("Enabled"))
        return EmptyResult()

    return handler


def _device_json(key: str, device: dict) -> dict:
    return {
        "DeviceKey": key,
        "DeviceAttributes": [
            {"Name": "device_name", "Value": device["name"]},
            {"Name": STATUS, "Value": device["status"]},
        ],
        "DeviceCreateDate": device["created"],
        "DeviceLastModifiedDate": device["modified"],
        "DeviceLastAuthenticatedDate": device["created"],
    }


def _device(self):
    user, params = _user(self)
    devices = _state(user)["devices"]
    key = params.get("DeviceKey", "")
    if key not in devices:
        raise ResourceNotFoundException("Device does not exist.")
    return devices, key


def confirm_device(self):
    params = json.loads(self.body)
    user = self._get_region_agnostic_backend().get_user(access_token=params["AccessToken"])
    now = utcnow()
    _state(user)["devices"][params["DeviceKey"]] = {
        "name": params.get("DeviceName", ""),
        "status": "remembered",
        "created": now,
        "modified": now,
    }
    return ActionResult({"UserConfirmationNecessary": False})


def admin_list_devices(self):
    user, _ = _user(self)
    return ActionResult({"Devices": [_device_json(k, d) for k, d in _state(user)["devices"].items()]})


def admin_get_device(self):
    devices, key = _device(self)
    return ActionResult({"Device": _device_json(key, devices[key])})


def admin_forget_device(self):
    devices, key = _device(self)
    del devices[key]
    return EmptyResult()


def admin_update_device_status(self):
    devices, key = _device(self)
    devices[key]["status"] = json.loads(self.body).get("DeviceRememberedStatus") or "not_remembered"
    devices[key]["modified"] = utcnow()
    return EmptyResult()


HANDLERS = (
    admin_get_user_auth_factors,
    admin_delete_software_token,
    confirm_device,
    admin_list_devices,
    admin_get_device,
    admin_forget_device,
    admin_update_device_status,
)


def apply() -> None:
    response = responses.CognitoIdpResponse
    for handler in HANDLERS + cognito_sessions.HANDLERS + cognito_identities.HANDLERS + cognito_imports.HANDLERS:
        setattr(response, handler.__name__, handler)
    response.admin_set_user_mfa_preference = _admin_set_user_mfa_preference(response.admin_set_user_mfa_preference)
    models.CognitoIdpUser.to_json = _mfa_list(models.CognitoIdpUser.to_json)
    cognito_sessions.apply()
