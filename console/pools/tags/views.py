from django.views.decorators.http import require_http_methods

from console.accounts.permissions import require
from console.pools.pages import edit_page
from console.pools.selectors import pool_get
from console.pools.tags import services
from console.pools.tags.forms import TagsForm


@require_http_methods(["GET", "POST"])
@require("manage_pools")
def tags_edit(request, pool_id):
    pool = pool_get(pool_id)
    _, current = services.tags_current(pool_id)
    form = TagsForm(request.POST or None, current=current)

    def save():
        d = form.cleaned_data
        return services.tags_save(operator=request.user, pool_id=pool_id, wanted=d["tags"], reason=d["reason"])

    return edit_page(request, form, save, pool=pool, title="Tags", submit="Save tags")
