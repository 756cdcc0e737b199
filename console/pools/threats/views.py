from django.views.decorators.http import require_http_methods

from console.accounts.permissions import require
from console.cognito.clients import clients_list
from console.pools.pages import edit_page
from console.pools.selectors import client_get, pool_get
from console.pools.threats import services
from console.pools.threats.forms import ThreatsForm
from console.pools.threats.selectors import threats_get


@require_http_methods(["GET", "POST"])
@require("manage_pools")
def threats_edit(request, pool_id, client_id=""):
    pool = pool_get(pool_id)
    client = client_get(pool_id, client_id) if client_id else None
    current = threats_get(pool_id, client_id)
    form = ThreatsForm(request.POST or None, current=current)

    def save():
        d = form.cleaned_data
        return services.threats_save(operator=request.user, pool_id=pool_id, client_id=client_id, cleaned=d,
                                     changed=set(form.changed_data), reason=d["reason"])

    title = f"Threat protection: {client.name}" if client else "Threat protection"
    return edit_page(request, form, save, pool=pool, title=title, template="pools/threats.html", done=request.path,
                     client=client, current=current, clients=clients_list(pool_id), warning=current.error)
