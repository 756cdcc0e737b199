from django.views.decorators.http import require_http_methods

from console.accounts.permissions import require
from console.pools.messaging import services
from console.pools.messaging.forms import MessagingForm
from console.pools.messaging.selectors import messages_preview, messaging_get
from console.pools.pages import section_page


@require_http_methods(["GET", "POST"])
@require("manage_pools")
def messaging_edit(request, pool_id):
    current = messaging_get(pool_id)
    form = MessagingForm(request.POST or None, current=current)
    if "preview" in request.POST:
        # The messages as typed, nothing saved: no reason needed; other errors shown as on a save.
        form.fields["reason"].asks_reason = False
        valid = form.is_valid()
        shown = form.cleaned_data if valid else current.values
        return section_page(request, pool_id, form, None, title="Messaging", template="pools/messaging/edit.html",
                            preview=messages_preview(shown), previewing=valid)

    def save(cleaned, changed):
        return services.messaging_save(
            operator=request.user, pool_id=pool_id, cleaned=cleaned, changed=changed, reason=cleaned["reason"]
        )

    return section_page(request, pool_id, form, save, title="Messaging", template="pools/messaging/edit.html",
                        preview=messages_preview(current.values))
