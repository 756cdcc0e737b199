from django.views.decorators.http import require_http_methods

from console.accounts.permissions import require
from console.pools.log_delivery import services
from console.pools.log_delivery.forms import LogDeliveryForm
from console.pools.log_delivery.selectors import log_delivery_settings
from console.pools.pages import edit_page
from console.pools.selectors import pool_get


@require_http_methods(["GET", "POST"])
@require("manage_pools")
def log_delivery_edit(request, pool_id):
    pool = pool_get(pool_id)
    current = log_delivery_settings(pool_id)
    form = LogDeliveryForm(request.POST or None, current=current)

    def save():
        d = form.cleaned_data
        return services.log_delivery_save(operator=request.user, pool_id=pool_id, cleaned=d,
                                          changed=set(form.changed_data), reason=d["reason"])

    return edit_page(request, form, save, pool=pool, title="Log delivery", done=request.path, warning=current.error)
