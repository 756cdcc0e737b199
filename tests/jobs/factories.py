from console.jobs import services
from tests.jobs.conftest import write


def start_import(tmp_path, operator, pool_id, text, **options):
    upload = services.store_path(operator=operator, pool_id=pool_id, source=write(tmp_path, text, "source.csv"))
    services.import_check(upload=upload, create_missing_groups=options.get("create_missing_groups", False))
    return services.import_start(operator=operator, upload=upload, **options)
