from django.views.decorators.http import require_http_methods

from console.accounts.permissions import require
from console.pools.pages import section_page
from console.pools.triggers import services
from console.pools.triggers.forms import TriggersForm
from console.pools.triggers.selectors import triggers_get


@require_http_methods(["GET", "POST"])
@require("manage_pools")
def triggers_edit(request, pool_id):
    form = TriggersForm(request.POST or None, current=triggers_get(pool_id))

    def save(cleaned, changed):
        return services.triggers_save(
            operator=request.user, pool_id=pool_id, cleaned=cleaned, changed=changed, reason=cleaned["reason"]
        )

    return section_page(request, pool_id, form, save, title="Lambda triggers", template="pools/triggers/edit.html")
