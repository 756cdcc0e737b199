"""Walking Cognito's paginated list operations."""

from collections.abc import Iterator

from console.cognito.client import cognito
from console.cognito.errors import translated


def iterate(operation: str, result_key: str, *, region: str | None = None, **params) -> Iterator[dict]:
    """Yield every item of a paginated list operation, page by page.

    Uses boto3's paginator, which knows each operation's token names
    (NextToken, PaginationToken) so callers never handle tokens.
    """
    with translated(operation):
        paginator = cognito(region).get_paginator(operation)
        for page in paginator.paginate(**params):
            yield from page.get(result_key, [])


def page(
    operation: str,
    result_key: str,
    token_in: str,
    token_out: str,
    *,
    token: str | None = None,
    region: str | None = None,
    **params,
) -> tuple[list[dict], str | None]:
    """One page of a list operation: (items, next token or None)."""
    if token:
        params[token_in] = token
    with translated(operation):
        response = getattr(cognito(region), operation)(**params)
    return response.get(result_key, []), response.get(token_out)
