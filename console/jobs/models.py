"""Jobs: long work (imports, bulk actions, exports) as rows in the database.

The database is the source of truth for status and progress; Celery only runs
the runner. One JobItem per row/user makes every unit of work resumable and
countable exactly once.
"""

import uuid

from django.conf import settings
from django.db import models


def status_choices(*statuses: str) -> list[tuple[str, str]]:
    """Choices labelled as the values read: "in_flight" is "In flight"."""
    return [(status, status.replace("_", " ").capitalize()) for status in statuses]


class Job(models.Model):
    KIND_IMPORT = "import"
    KIND_BULK = "bulk"
    KIND_EXPORT = "export"
    KINDS = [(KIND_IMPORT, "Import"), (KIND_BULK, "Bulk action"), (KIND_EXPORT, "Export")]

    # Its items are still being written (an import start, in short batches): no runner takes it yet.
    PREPARING = "preparing"
    QUEUED = "queued"
    RUNNING = "running"
    FINISHED = "finished"
    FAILED = "failed"
    CANCELLING = "cancelling"
    CANCELLED = "cancelled"
    STATUSES = status_choices(PREPARING, QUEUED, RUNNING, FINISHED, FAILED, CANCELLING, CANCELLED)
    # The permission that starts (and cancels) each kind.
    PERMISSIONS = {KIND_IMPORT: "run_imports", KIND_BULK: "run_bulk", KIND_EXPORT: "export_users"}
    ACTIVE = (PREPARING, QUEUED, RUNNING, CANCELLING)
    ENDED = (FINISHED, FAILED, CANCELLED)

    kind = models.CharField(max_length=10, choices=KINDS, db_index=True)
    pool_id = models.CharField(max_length=64, db_index=True)
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="jobs"
    )
    operator_name = models.CharField(max_length=150, blank=True)
    status = models.CharField(max_length=12, choices=STATUSES, default=QUEUED, db_index=True)
    title = models.CharField(max_length=200, blank=True)
    options = models.JSONField(default=dict, blank=True)

    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    cancelled = models.PositiveIntegerField(default=0)

    # A runner owns the job while its claim token is set and its heartbeat is fresh.
    claim = models.CharField(max_length=36, blank=True)
    heartbeat = models.DateTimeField(null=True, blank=True, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Something the operator should know (waiting for Redis, why it failed).
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk} ({self.status})"

    @property
    def active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def percent(self) -> int:
        if not self.total:
            return 100 if self.status in self.ENDED else 0
        return min(100, int(100 * (self.processed + self.cancelled) / self.total))

    def elapsed_seconds(self, now=None) -> float:
        from django.utils import timezone

        if not self.started_at:
            return 0.0
        end = self.finished_at or now or timezone.now()
        return max(0.0, (end - self.started_at).total_seconds())


class JobItem(models.Model):
    PENDING = "pending"
    IN_FLIGHT = "in_flight"
    DONE = "done"
    FAILED = "failed"
    SKIPPED = "skipped"
    CANCELLED = "cancelled"
    STATUSES = status_choices(PENDING, IN_FLIGHT, DONE, FAILED, SKIPPED, CANCELLED)
    OPEN = (PENDING, IN_FLIGHT)

    # Outcomes (what happened to the user), counted in the job's counters.
    CREATED = "created"
    UPDATED = "updated"
    OUTCOME_SKIPPED = "skipped"
    OUTCOME_FAILED = "failed"
    OUTCOME_CANCELLED = "cancelled"
    SUCCEEDED = "succeeded"

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="items")
    seq = models.PositiveIntegerField(help_text="Line number in the file, or position in the selection")
    key = models.CharField(max_length=255, blank=True, help_text="Username or other identifier")
    payload = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=STATUSES, default=PENDING)
    outcome = models.CharField(max_length=12, blank=True)
    error_code = models.CharField(max_length=64, blank=True)
    error = models.CharField(max_length=500, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["seq"]
        constraints = [models.UniqueConstraint(fields=["job", "seq"], name="jobitem_job_seq_unique")]
        indexes = [
            models.Index(fields=["job", "status", "seq"], name="jobitem_job_status_seq"),
            models.Index(fields=["job", "outcome"], name="jobitem_job_outcome"),
        ]

    def __str__(self):
        return f"{self.job_id}:{self.seq} {self.status}"


def _upload_name() -> str:
    return uuid.uuid4().hex


class ImportUpload(models.Model):
    """An uploaded CSV and its check report, before (and while) it becomes a Job."""

    token = models.CharField(max_length=32, unique=True, default=_upload_name)
    pool_id = models.CharField(max_length=64)
    operator = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    filename = models.CharField(max_length=255, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    path = models.CharField(max_length=500, blank=True)
    errors_path = models.CharField(max_length=500, blank=True)
    report = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    job = models.ForeignKey(Job, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"upload {self.token} ({self.filename})"


class BulkDraft(models.Model):
    """A bulk selection between the confirm page and the start of its job. Kept on the server
    so the confirm page posts back one token, not one field per name (Django refuses more than
    DATA_UPLOAD_MAX_NUMBER_FIELDS fields, and lists go up to 50,000 names). For a search or a
    group it also holds the count in progress, so the page can show the exact number."""

    token = models.CharField(max_length=32, unique=True, default=_upload_name)
    pool_id = models.CharField(max_length=64)
    operator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    action = models.CharField(max_length=40)
    selection = models.JSONField(default=dict)
    counted = models.PositiveIntegerField(default=0)
    count_token = models.TextField(blank=True, help_text="Where counting resumes (Cognito's pagination token)")
    count_done = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return f"bulk draft {self.token} ({self.action})"
