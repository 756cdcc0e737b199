from django.conf import settings
from django.db import models


class AuditEventQuerySet(models.QuerySet):
    # The audit log is append-only: nothing in the console changes or removes events.
    def update(self, **kwargs):
        raise PermissionError("Audit events cannot be changed.")

    def delete(self):
        raise PermissionError("Audit events cannot be deleted.")


class AuditEvent(models.Model):
    OUTCOME_SUCCESS = "success"
    OUTCOME_FAILURE = "failure"
    OUTCOME_DENIED = "denied"
    OUTCOMES = [(OUTCOME_SUCCESS, "Success"), (OUTCOME_FAILURE, "Failure"), (OUTCOME_DENIED, "Denied")]

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept as text so the trail survives the operator's account being deleted.
    operator_name = models.CharField(max_length=150, blank=True, db_index=True)
    role = models.CharField(max_length=20, blank=True)
    action = models.CharField(max_length=64, db_index=True)
    pool_id = models.CharField(max_length=64, blank=True, db_index=True)
    target = models.CharField(max_length=255, blank=True, db_index=True, help_text="Cognito username or object name")
    outcome = models.CharField(max_length=10, choices=OUTCOMES, db_index=True)
    error_code = models.CharField(max_length=64, blank=True)
    message = models.CharField(max_length=500, blank=True)
    reason = models.CharField(max_length=500, blank=True)
    request_id = models.CharField(max_length=64, blank=True, db_index=True)
    remote_addr = models.GenericIPAddressField(null=True, blank=True)
    job_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    params = models.JSONField(default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["pool_id", "target", "-created_at"])]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.operator_name} {self.action} {self.outcome}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit events cannot be deleted.")
