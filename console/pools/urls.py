from django.urls import path

from console.core.routes import POOL, routes
from console.pools import views
from console.pools.attributes import views as attributes
from console.pools.clients import views as clients
from console.pools.domains import views as domains
from console.pools.providers import views as providers
from console.pools.resource_servers import views as servers
from console.pools.settings import views as settings
from console.pools.signin import views as signin
from console.pools.tags import views as tags

CLIENT = POOL + "clients/<str:client_id>/"
PROVIDER = POOL + "providers/<name:name>/"
SERVER = POOL + "resource-servers/<name:identifier>/"

app_name = "pools"
urlpatterns = [
    path("", views.pool_list, name="list"),
    path("switch/", views.pool_switch, name="switch"),
    path("new/", settings.pool_new, name="new"),
    path(POOL, views.pool_detail, name="detail"),
    *routes(POOL, edit=settings.pool_edit, delete=settings.pool_remove),
    path(POOL + "attributes/new/", attributes.pool_attribute_new, name="attribute_new"),
    path(POOL + "clients/new/", clients.client_new, name="client_new"),
    path(CLIENT, clients.client_detail, name="client"),
    *routes(
        CLIENT, "client_{}", created=clients.client_created, edit=clients.client_edit, delete=clients.client_remove
    ),
    path(POOL + "domain/", domains.domain_new, name="domain_new"),
    path(POOL + "domain/delete/", domains.domain_remove, name="domain_delete"),
    path(POOL + "providers/new/<str:kind>/", providers.provider_new, name="provider_new"),
    *routes(PROVIDER, "provider_{}", edit=providers.provider_edit, delete=providers.provider_remove),
    # After edit/ and delete/: the name converter takes "/" too, so this one would swallow them.
    path(PROVIDER, providers.provider_detail, name="provider"),
    path(POOL + "resource-servers/new/", servers.resource_server_new, name="resource_server_new"),
    *routes(SERVER, "resource_server_{}", edit=servers.resource_server_edit, delete=servers.resource_server_remove),
    path(POOL + "sign-in/", signin.signin_edit, name="signin"),
    path(POOL + "tags/", tags.tags_edit, name="tags"),
]
