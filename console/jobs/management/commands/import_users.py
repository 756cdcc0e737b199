"""manage.py import_users --pool ID FILE: the web import from a terminal, same checks."""

import sys

from django.core.management.base import BaseCommand, CommandError

from console.cognito.errors import CognitoError
from console.jobs import services
from console.jobs.management.cli import add_job_arguments, admin_operator
from console.jobs.models import Job
from console.jobs.runner import job_run


class Command(BaseCommand):
    help = "Import users from a CSV file into a pool (checked first, then run as a job in this process)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        add_job_arguments(parser, role="importer")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and stop")
        parser.add_argument("--existing", choices=("skip", "update", "fail"), default="skip")
        parser.add_argument("--suppress-invites", action="store_true")
        parser.add_argument("--create-missing-groups", action="store_true")
        parser.add_argument("--only-valid", action="store_true", help="Import the valid rows of a file with errors")

    def handle(self, *args, **options):
        operator = admin_operator(options["operator"])
        try:
            upload = services.store_path(operator=operator, pool_id=options["pool"], source=options["file"])
            self.stdout.write(f"Checking {options['file']} against {options['pool']} ...")
            report = services.import_check(
                upload=upload,
                create_missing_groups=options["create_missing_groups"],
                on_progress=lambda n: self._bar(n, None, "checked"),
            )
        except FileNotFoundError:
            raise CommandError(f"No such file: {options['file']}")
        except (services.ImportRefused, CognitoError) as exc:
            raise CommandError(str(exc))
        self.stdout.write("")
        if report["problem"]:
            raise CommandError(report["problem"])
        self.stdout.write(f"{report['rows']} rows: {report['valid']} valid, {report['invalid']} invalid.")
        for error in services.upload_errors(upload, limit=20):
            self.stdout.write(f"  line {error['line']} {error['column']}: {error['reason']}")
        if report["invalid"] > 20:
            self.stdout.write(f"  ... and more; full list: {upload.errors_path}")
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing was sent to Cognito.")
            return
        try:
            job = services.import_start(
                operator=operator,
                upload=upload,
                existing=options["existing"],
                suppress_invitations=options["suppress_invites"],
                create_missing_groups=options["create_missing_groups"],
                only_valid=options["only_valid"],
                reason=options["reason"],
                enqueue=False,  # it runs right here
            )
        except (services.ImportRefused, CognitoError) as exc:
            raise CommandError(str(exc))
        self.stdout.write(f"Job #{job.pk}: {job.total} rows.")
        self._run_with_progress(job)

    def _run_with_progress(self, job: Job):
        """Run here; a side thread draws the bar from the job's counters."""
        import threading

        from django.db import connections

        stop = threading.Event()

        def draw():
            try:
                while not stop.wait(0.5):
                    current = Job.objects.filter(pk=job.pk).first()
                    if current:
                        self._progress(current)
            finally:
                connections.close_all()

        drawer = threading.Thread(target=draw, daemon=True)
        drawer.start()
        try:
            job_run(job_id=job.pk)
        finally:
            stop.set()
            drawer.join(2)
        job.refresh_from_db()
        self._progress(job)
        self.stdout.write("")
        self.stdout.write(
            f"Job #{job.pk} {job.status}: created {job.created}, updated {job.updated}, skipped {job.skipped}, "
            f"failed {job.failed} in {job.elapsed_seconds():.1f}s."
        )
        if job.failed:
            raise CommandError(f"{job.failed} rows failed; see the job's failures CSV in the console.")

    def _progress(self, job: Job):
        label = f"created {job.created} updated {job.updated} skipped {job.skipped} failed {job.failed}"
        self._bar(job.processed + job.cancelled, job.total, label)

    def _bar(self, done: int, total: int | None, label: str):
        if total:
            width = 30
            filled = int(width * done / total) if total else width
            text = f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {label}"
        else:
            text = f"\r{done} rows {label}"
        out = self.stdout._out if hasattr(self.stdout, "_out") else sys.stdout
        out.write(text)
        out.flush()
