"""Operations the emulator adds to moto's Cognito for the federation pages: moto creates,
describes and lists resource servers but has no UpdateResourceServer or DeleteResourceServer.
Applied in the emulator process only (console.emulator.moto_main), like cognito_fixes."""

from moto.cognitoidp import models, responses
from moto.cognitoidp.exceptions import ResourceNotFoundError
from moto.core.responses import ActionResult, EmptyResult


def _update_resource_server(self, user_pool_id, identifier, name, scopes):
    """UpdateResourceServer: the name and the scopes become what the request says (Cognito
    resets scopes a request leaves out)."""
    server = self.describe_resource_server(user_pool_id, identifier)
    server.name = name
    server.scopes = scopes or []
    return server


def _delete_resource_server(self, user_pool_id, identifier):
    pool = self.describe_user_pool(user_pool_id)
    if identifier not in pool.resource_servers:
        raise ResourceNotFoundError(f"Resource server {identifier} does not exist.")
    del pool.resource_servers[identifier]


def _update_resource_server_response(self):
    server = self.backend.update_resource_server(
        self._get_param("UserPoolId"), self._get_param("Identifier"), self._get_param("Name"), self._get_param("Scopes")
    )
    return ActionResult({"ResourceServer": server.to_json()})


def _delete_resource_server_response(self):
    self.backend.delete_resource_server(self._get_param("UserPoolId"), self._get_param("Identifier"))
    return EmptyResult()


def apply() -> None:
    backend = models.CognitoIdpBackend
    if hasattr(backend, "delete_resource_server"):
        return  # already applied, or moto learnt them
    backend.update_resource_server = _update_resource_server
    backend.delete_resource_server = _delete_resource_server
    responses.CognitoIdpResponse.update_resource_server = _update_resource_server_response
    responses.CognitoIdpResponse.delete_resource_server = _delete_resource_server_response
