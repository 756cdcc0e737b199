"""The import kind: one item per CSV row, creating (or updating) one user
(docs/CSV.md, "What a row does in Cognito")."""

from dataclasses import dataclass

from django.db.models import Q

from console.cognito import provisioning
from console.cognito import users as cognito_users
from console.cognito.errors import CognitoError
from console.cognito.provisioning import PoolSchema
from console.groups.services import membership_add
from console.jobs.kinds import Handler, Result, done, failed, register, skipped
from console.jobs.models import Job, JobItem
from console.jobs.preparing import preparations_reap
from console.jobs.retry import with_retries
from console.jobs.sealing import PLAIN_KEY, SEALED_KEY, Unreadable, payload_erased, payload_password

EXISTING_CHOICES = (
    ("skip", "Skip them"),
    ("update", "Update their attributes and groups"),
    ("fail", "Count as failure"),
)
# AliasExistsException is not "this user exists": another user has that email or phone, a row failure.
EXISTS_CODES = ("UsernameExistsException",)


@dataclass
class ImportContext:
    schema: PoolSchema
    existing: str
    suppress: bool


@register(Job.KIND_IMPORT)
class ImportHandler(Handler):
    audit_prefix = "import"

    def prepare(self, job: Job) -> ImportContext:
        options = job.options or {}
        if options.get("create_missing_groups"):
            have = with_retries(provisioning.group_names, job.pool_id)
            for name in options.get("missing_groups", []):
                if name in have:
                    continue
                try:
                    with_retries(provisioning.group_create, job.pool_id, name)
                except CognitoError as exc:
                    if exc.code != "GroupExistsException":
                        raise
        schema = with_retries(provisioning.pool_schema, job.pool_id)
        return ImportContext(
            schema=schema,
            existing=options.get("existing", "skip"),
            suppress=bool(options.get("suppress_invitations")),
        )

    def process(self, job: Job, item: JobItem, context: ImportContext) -> Result:
        """The row, then its temporary password leaves the database in the same write as its
        outcome (a row deferred for later keeps it)."""
        try:
            result = self._import_row(job, item, context)
        except CognitoError as exc:
            result = failed(exc.message, exc.code)
        except Unreadable as exc:
            result = failed(str(exc), "PasswordUnreadable")
        result.payload = payload_erased(item.payload)
        return result

    def _import_row(self, job: Job, item: JobItem, context: ImportContext) -> Result:
        payload = item.payload
        identifier = payload["username"]
        attributes = payload.get("attributes", {})
        # A create retried after an ambiguous answer (timeout, 5xx) may have worked the first time.
        retried = [item.attempts > 1]
        try:
            username = with_retries(
                provisioning.user_create,
                job.pool_id,
                username=identifier,
                attributes=attributes,
                temporary_password=payload_password(payload),
                suppress_invitation=context.suppress,
                on_retry=lambda exc: retried.__setitem__(0, True),
            )
            outcome = JobItem.CREATED
        except CognitoError as exc:
            if exc.code not in EXISTS_CODES:
                return failed(exc.message, exc.code)
            username, created_at, current = with_retries(provisioning.user_lookup, job.pool_id, identifier)
            if retried[0] and created_at is not None and created_at >= job.created_at:
                # A retried row whose earlier attempt reached Cognito (worker died, answer lost): ours.
                outcome = JobItem.CREATED
            elif context.existing == "skip":
                return skipped("Already in the pool; left unchanged.")
            elif context.existing == "fail":
                return failed("Already in the pool.", exc.code)
            else:
                # Only what changes: re-sending an unchanged email would restart its verification.
                mutable = {k: v for k, v in attributes.items() if _mutable(context.schema, k) and current.get(k) != v}
                with_retries(provisioning.user_update_attributes, job.pool_id, username, mutable)
                outcome = JobItem.UPDATED
        if outcome == JobItem.CREATED and payload.get("enabled") is False:
            # The file's `enabled` is false (an export of a disabled user, docs/CSV.md): the
            # user is created, then disabled. Existing users keep their state, as their status.
            with_retries(self._disable, job, username)
        for group in payload.get("groups", []):
            with_retries(self._add_to_group, job, group, username)
        return done(outcome)

    def cleanup(self, job: Job) -> None:
        """Whatever password is left when the job ends (rows cancelled, or failed outside process())
        leaves the database now."""
        items = list(JobItem.objects.filter(job=job).filter(
            Q(payload__has_key=SEALED_KEY) | Q(payload__has_key=PLAIN_KEY)))
        for item in items:
            item.payload = payload_erased(item.payload)
        JobItem.objects.bulk_update(items, ["payload"], batch_size=500)

    def housekeep(self) -> dict:
        return {"preparations_discarded": preparations_reap()}

    @staticmethod
    def _disable(job: Job, username: str) -> None:
        cognito_users.user_disable(job.pool_id, username)

    @staticmethod
    def _add_to_group(job: Job, group: str, username: str) -> None:
        membership_add(
            pool_id=job.pool_id, group=group, username=username, reason=f"Import job #{job.pk}", job_id=job.pk
        )


def _mutable(schema: PoolSchema, name: str) -> bool:
    attr = schema.attributes.get(name)
    return attr is None or attr.mutable
