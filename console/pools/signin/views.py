from django.views.decorators.http import require_http_methods

from console.accounts.permissions import require
from console.pools.pages import edit_page
from console.pools.selectors import pool_get
from console.pools.signin import services
from console.pools.signin.forms import SignInForm
from console.pools.signin.selectors import signin_get


@require_http_methods(["GET", "POST"])
@require("manage_pools")
def signin_edit(request, pool_id):
    pool = pool_get(pool_id)
    form = SignInForm(request.POST or None, current=signin_get(pool_id))

    def save():
        d = form.cleaned_data
        return services.signin_save(
            operator=request.user, pool_id=pool_id, cleaned=d, changed=set(form.changed_data), reason=d["reason"]
        )

    return edit_page(request, form, save, pool=pool, title="Sign-in experience")
