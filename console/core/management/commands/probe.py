"""Container health check: GET /healthz from inside the container.

The request carries one of ALLOWED_HOSTS as its Host header, so the check
passes whatever public host name the console is configured with.
"""

import urllib.error
import urllib.request

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Exit 0 when the console's /healthz answers 200 (for container health checks)."

    def add_arguments(self, parser):
        parser.add_argument("url", nargs="?", default="http://127.0.0.1:8000/healthz")

    def handle(self, *args, **options):
        host = next((h.lstrip(".") for h in settings.ALLOWED_HOSTS if h != "*"), "localhost")
        request = urllib.request.Request(options["url"], headers={"Host": host})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                self.stdout.write(response.read().decode())
        except urllib.error.HTTPError as exc:
            raise CommandError(f"unhealthy: HTTP {exc.code} {exc.read().decode()[:300]}") from None
        except OSError as exc:
            raise CommandError(f"unreachable: {exc}") from None
