from django.urls import path

from console.pools import views
from console.pools.attributes import views as attributes
from console.pools.branding import views as branding
from console.pools.clients import views as clients
from console.pools.domains import views as domains
from console.pools.log_delivery import views as log_delivery
from console.pools.messaging import views as messaging
from console.pools.providers import views as providers
from console.pools.resource_servers import views as resource_servers
from console.pools.settings import views as settings
from console.pools.signin import views as signin
from console.pools.tags import views as tags
from console.pools.threats import views as threats
from console.pools.triggers import views as triggers

app_name = "pools"
urlpatterns = [
    path("", views.pool_list, name="list"),
    path("switch/", views.pool_switch, name="switch"),
    path("new/", settings.pool_new, name="new"),
    path("<pool:pool_id>/", views.pool_detail, name="detail"),
    path("<pool:pool_id>/edit/", settings.pool_edit, name="edit"),
    path("<pool:pool_id>/delete/", settings.pool_remove, name="delete"),
    path("<pool:pool_id>/attributes/new/", attributes.pool_attribute_new, name="attribute_new"),
    path("<pool:pool_id>/clients/new/", clients.client_new, name="client_new"),
    path("<pool:pool_id>/clients/<str:client_id>/", clients.client_detail, name="client"),
    path("<pool:pool_id>/clients/<str:client_id>/created/", clients.client_created, name="client_created"),
    path("<pool:pool_id>/clients/<str:client_id>/edit/", clients.client_edit, name="client_edit"),
    path("<pool:pool_id>/clients/<str:client_id>/delete/", clients.client_remove, name="client_delete"),
    path("<pool:pool_id>/clients/<str:client_id>/secrets/new/", clients.client_secret_new, name="client_secret_new"),
    path(
        "<pool:pool_id>/clients/<str:client_id>/secrets/<str:secret_id>/delete/",
        clients.client_secret_remove,
        name="client_secret_delete",
    ),
    path("<pool:pool_id>/domain/", domains.domain_new, name="domain_new"),
    path("<pool:pool_id>/domain/delete/", domains.domain_remove, name="domain_delete"),
    path("<pool:pool_id>/hosted-ui/", branding.hosted_ui_edit, name="hosted_ui"),
    path("<pool:pool_id>/hosted-ui/<str:client_id>/", branding.hosted_ui_edit, name="hosted_ui_client"),
    path("<pool:pool_id>/clients/<str:client_id>/managed-login/", branding.managed_login_edit, name="managed_login"),
    path("<pool:pool_id>/clients/<str:client_id>/managed-login/delete/", branding.managed_login_remove,
         name="managed_login_delete"),
    path("<pool:pool_id>/domain/custom/", domains.custom_domain_new, name="domain_custom_new"),
    path("<pool:pool_id>/domain/<str:kind>/settings/", domains.domain_settings, name="domain_settings"),
    path("<pool:pool_id>/providers/new/<str:kind>/", providers.provider_new, name="provider_new"),
    path("<pool:pool_id>/providers/find/", providers.provider_lookup, name="provider_find"),
    path("<pool:pool_id>/signing-certificate/", providers.provider_certificate, name="signing_certificate"),
    path("<pool:pool_id>/providers/<name:name>/edit/", providers.provider_edit, name="provider_edit"),
    path("<pool:pool_id>/providers/<name:name>/delete/", providers.provider_remove, name="provider_delete"),
    # After edit/ and delete/: the name converter takes "/" too, so this one would swallow them.
    path("<pool:pool_id>/providers/<name:name>/", providers.provider_detail, name="provider"),
    path("<pool:pool_id>/resource-servers/new/", resource_servers.resource_server_new, name="resource_server_new"),
    path(
        "<pool:pool_id>/resource-servers/<name:identifier>/edit/",
        resource_servers.resource_server_edit,
        name="resource_server_edit",
    ),
    path(
        "<pool:pool_id>/resource-servers/<name:identifier>/delete/",
        resource_servers.resource_server_remove,
        name="resource_server_delete",
    ),
    path("<pool:pool_id>/sign-in/", signin.signin_edit, name="signin"),
    path("<pool:pool_id>/tags/", tags.tags_edit, name="tags"),
    # Threat protection and log delivery (issue 14, items 4 and 6).
    path("<pool:pool_id>/threat-protection/", threats.threats_edit, name="threats"),
    path("<pool:pool_id>/threat-protection/<str:client_id>/", threats.threats_edit, name="threats_client"),
    path("<pool:pool_id>/log-delivery/", log_delivery.log_delivery_edit, name="log_delivery"),
]

# Pool configuration: messaging and Lambda triggers (issue 14, items 2 and 3).
urlpatterns += [
    path("<pool:pool_id>/messaging/", messaging.messaging_edit, name="messaging"),
    path("<pool:pool_id>/triggers/", triggers.triggers_edit, name="triggers"),
]
