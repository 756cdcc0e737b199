"""manage.py export_users --pool ID [--filter 'email^=jane'] [--group NAME] OUT.csv: the web export
from a terminal, run as a job in this process (audited like the web one)."""

import re
import shutil

from django.core.management.base import BaseCommand, CommandError

from console.jobs import export
from console.jobs.management.cli import add_job_arguments, admin_operator
from console.jobs.models import Job
from console.jobs.runner import job_run
from console.users.selectors import QueryError

FILTER = re.compile(r'^\s*([\w:]+)\s*(\^=|=)\s*"?(.*?)"?\s*$')


def parse_filter(text: str) -> dict:
    """`attribute = value` (exact) or `attribute ^= value` (starts with), quotes optional."""
    match = FILTER.match(text)
    if not match:
        raise CommandError('A filter reads attribute = "value" or attribute ^= "value".')
    attribute, operator, value = match.groups()
    if attribute in ("status", "cognito:user_status"):
        return {"status": value}
    return {"attribute": attribute, "text": value, "exact": operator == "="}


class Command(BaseCommand):
    help = "Export the users of a pool (optionally a search or a group) to a CSV file that imports back."

    def add_arguments(self, parser):
        parser.add_argument("out")
        add_job_arguments(parser, role="exporter")
        parser.add_argument("--filter", default="", help='attribute = "value" or attribute ^= "value"')
        parser.add_argument("--group", default="", help="Only the members of this group")

    def handle(self, *args, **options):
        operator = admin_operator(options["operator"])
        if options["group"] and not options["filter"]:
            selection = {"type": "group", "group": options["group"]}
        elif options["filter"] or options["group"]:
            selection = {"type": "search", "query": {**parse_filter(options["filter"]), "group": options["group"]}}
        else:
            selection = {"type": "pool"}
        try:
            job = export.export_start(
                operator=operator, pool_id=options["pool"], selection=selection, reason=options["reason"], enqueue=False
            )
        except QueryError as exc:
            raise CommandError(str(exc))
        job_run(job_id=job.pk)
        job.refresh_from_db()
        path = export.export_file(job)
        if job.status != Job.FINISHED or path is None or job.failed:
            item = job.items.first()
            raise CommandError(f"Export job #{job.pk} {job.status}: {job.note or (item.error if item else '')}")
        shutil.copyfile(path, options["out"])
        self.stdout.write(f"{job.options.get('rows', 0)} users written to {options['out']} (job #{job.pk}).")
