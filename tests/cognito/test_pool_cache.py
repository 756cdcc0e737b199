"""The one cache of pool descriptions (console/cognito/pools.py): shared by every process and
forgotten by every change the console makes to a pool."""

import pytest
from django.core.cache import caches

from console.cognito import domains as cognito_domains
from console.cognito import pools as cognito_pools
from console.cognito import provisioning
from console.pools.settings.services import pool_update


@pytest.fixture
def describes(monkeypatch):
    """The DescribeUserPool calls that reach Cognito."""
    calls = []
    real = cognito_pools.pool_describe_uncached
    monkeypatch.setattr(
        cognito_pools, "pool_describe_uncached", lambda pool_id, **kw: calls.append(pool_id) or real(pool_id, **kw)
    )
    return calls


def test_it_describes_a_pool_once_while_cached(pool, describes):
    assert cognito_pools.pool_describe(pool.id)["Name"] == "Test pool"
    assert cognito_pools.pool_describe(pool.id)["Name"] == "Test pool"
    assert describes == [pool.id]
    cognito_pools.pool_describe(pool.id, fresh=True)
    assert describes == [pool.id, pool.id]


def test_an_edit_forgets_the_cached_description(pool, alice, describes):
    assert cognito_pools.pool_describe(pool.id).get("DeletionProtection") != "ACTIVE"
    pool_update(operator=alice, pool_id=pool.id, changes={"DeletionProtection": "ACTIVE"}, reason="T-1")
    assert cognito_pools.pool_describe(pool.id)["DeletionProtection"] == "ACTIVE"


def test_two_processes_see_the_same_invalidation(pool, alice, monkeypatch):
    """The worker's cache client read the description; the web's edit must reach it."""
    worker = caches.create_connection("default")
    monkeypatch.setattr(cognito_pools, "cache", worker)
    assert cognito_pools.pool_describe(pool.id).get("DeletionProtection") != "ACTIVE"  # cached by the "worker"
    monkeypatch.setattr(cognito_pools, "cache", caches.create_connection("default"))  # now the "web"
    pool_update(operator=alice, pool_id=pool.id, changes={"DeletionProtection": "ACTIVE"}, reason="T-1")
    monkeypatch.setattr(cognito_pools, "cache", worker)
    assert cognito_pools.pool_describe(pool.id)["DeletionProtection"] == "ACTIVE"


CHANGES = {
    "update": lambda pool_id: cognito_pools.pool_update(
        cognito_pools.pool_update_request(cognito_pools.pool_describe(pool_id, fresh=True))
    ),
    "mfa": lambda pool_id: cognito_pools.pool_mfa_set(pool_id, mode="OPTIONAL", totp=True),
    "attribute": lambda pool_id: cognito_pools.pool_add_custom_attributes(
        pool_id, [{"Name": "team", "AttributeDataType": "String"}]
    ),
    "domain": lambda pool_id: cognito_domains.domain_create(pool_id, "shop-login"),
    "delete": lambda pool_id: cognito_pools.pool_delete(pool_id),
}


@pytest.mark.parametrize("change", CHANGES)
def test_every_change_to_a_pool_forgets_its_description(pool, describes, change):
    cognito_pools.pool_describe(pool.id)
    cognito_pools.pools_list()
    CHANGES[change](pool.id)
    assert caches["default"].get(cognito_pools.DESCRIBE_CACHE_KEY.format(pool.id)) is None
    assert cognito_pools.pools_list() is not None  # the list is read again, not from the cache
    assert caches["default"].get(cognito_pools._pools_key(["us-east-1"])) is not None


def test_jobs_read_the_same_cached_description(pool, describes):
    cognito_pools.pool_describe(pool.id)
    schema = provisioning.pool_schema(pool.id)
    assert "custom:department" in schema.attributes
    assert describes == [pool.id]


def test_a_forget_in_another_process_reaches_this_one(pool, describes, settings, redis_url):
    """Not two clients in one process but a real second process (a worker, say) forgetting."""
    import os
    import subprocess
    import sys

    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": redis_url}}
    cognito_pools.pool_describe(pool.id)
    cognito_pools.pool_describe(pool.id)
    assert describes == [pool.id]
    env = {**os.environ, "CONSOLE_CACHE_URL": redis_url, "DJANGO_SETTINGS_MODULE": "console.settings"}
    code = f"import django; django.setup(); from console.cognito.pools import pool_forget; pool_forget({pool.id!r})"
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=120)
    cognito_pools.pool_describe(pool.id)
    assert describes == [pool.id, pool.id]
