"""htmx request helpers shared by the views."""


def wants_partial(request) -> bool:
    """An htmx request that swaps part of the page. A history-restore request (the browser's
    back button after the cache expired) needs the full page, as does a plain request."""
    return bool(request.htmx) and not request.htmx.history_restore_request
