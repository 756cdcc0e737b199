"""Running a bulk job (the action table and the start are in console.jobs.bulk).

Selections known up front became items when the job was made; "all users matching a
search" and "the members of a group" are enumerated here when the job first runs, in one
transaction, so a worker killed half-way leaves nothing behind. Every Cognito call is
limited by the runner, the membership checks and the enumeration included.
"""

from dataclasses import dataclass

from django.db import transaction

from console.cognito import groups as cognito_groups
from console.cognito import provisioning
from console.cognito.errors import CognitoError
from console.jobs.bulk import ACTIONS, ENUMERATE_PAGE, BulkAction, create_items, query_of
from console.jobs.kinds import Handler, Result, done, failed, register, skipped
from console.jobs.models import Job, JobItem
from console.jobs.retry import with_retries
from console.users import selectors


@dataclass
class BulkContext:
    action: BulkAction
    params: dict
    reason: str


@register(Job.KIND_BULK)
class BulkHandler(Handler):
    audit_prefix = "bulk"
    progress_unit = "users"

    def progress_counts(self, job: Job) -> tuple[int, int | None, bool]:
        done, total, _ = super().progress_counts(job)
        return done, total if (job.options or {}).get("enumerated") else None, False

    def prepare(self, job: Job) -> BulkContext:
        options = job.options or {}
        if not options.get("enumerated"):
            self._enumerate(job)
        action = ACTIONS[options["action"]]
        return BulkContext(action, options.get("params") or {}, options.get("reason") or "")

    @staticmethod
    def _enumerate(job: Job) -> None:
        """ListUsers (or ListUsersInGroup) page by page into items; all or nothing."""
        query = query_of(job.options.get("selection") or {})

        def entries():
            token = None
            while True:
                query.tokens = [token] if token else []
                page = with_retries(selectors.users_search, job.pool_id, query, limit=ENUMERATE_PAGE)
                for user in page.users:
                    yield {"enabled": user.enabled}, user.username
                token = page.next_token
                if not token:
                    return

        with transaction.atomic():
            JobItem.objects.filter(job=job).delete()
            total = create_items(job, entries())
            options = {**job.options, "enumerated": True}
            Job.objects.filter(pk=job.pk).update(total=total, options=options)
        job.options, job.total = options, total

    def process(self, job: Job, item: JobItem, context: BulkContext) -> Result:
        payload = item.payload or {}
        username, enabled, new_payload = item.key, payload.get("enabled"), None
        if payload.get("lookup"):
            found = with_retries(provisioning.user_find, job.pool_id, item.key)
            if found is None:
                return failed("Not found in this pool.", "UserNotFoundException")
            username, enabled = found
            new_payload = {"lookup": True, "username": username}
        action = context.action
        if action.skip_when_enabled is not None and enabled is action.skip_when_enabled:
            return skipped("Already enabled." if enabled else "Already disabled.", payload=new_payload)
        if action.makes_member is not None and _is_member(job.pool_id, username, context.params["group"]) is (
            action.makes_member
        ):
            return _nothing_to_do(
                item, "Already in the group." if action.makes_member else "Not in the group.", new_payload
            )
        try:
            why = with_retries(action.skip, job.pool_id, username) if action.skip else ""
        except CognitoError as exc:
            return failed(exc.message, exc.code, payload=new_payload)
        if why:
            return _nothing_to_do(item, why, new_payload)

        def call():
            action.run(pool_id=job.pool_id, username=username, reason=context.reason, job_id=job.pk, **context.params)

        try:
            with_retries(call)
        except CognitoError as exc:
            if action.name == "delete" and exc.not_found and item.attempts > 1:
                # An earlier attempt deleted the user and the worker died before recording it.
                return done(JobItem.SUCCEEDED, payload=new_payload)
            return failed(exc.message, exc.code, payload=new_payload)
        return done(JobItem.SUCCEEDED, payload=new_payload)

    def housekeep(self) -> dict:
        from console.jobs.drafts import drafts_expire  # drafts import this kind's table: not at load time

        return {"drafts_removed": drafts_expire()}


def _nothing_to_do(item: JobItem, why: str, payload) -> Result:
    if item.attempts > 1:
        # An earlier attempt of this job made the change, then its worker died before recording it.
        return done(JobItem.SUCCEEDED, payload=payload)
    return skipped(why, payload=payload)


def _is_member(pool_id: str, username: str, group: str) -> bool:
    groups = with_retries(cognito_groups.groups_of_user, pool_id, username)
    return any(g.name == group for g in groups)
