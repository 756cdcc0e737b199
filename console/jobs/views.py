import csv
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from console.accounts.permissions import check_perm, check_pool, has_perm, require
from console.cognito import imports
from console.cognito.errors import CognitoError
from console.core.middleware import too_large_message
from console.jobs import native, services
from console.jobs.forms import NativeImportForm, StartImportForm, UploadForm
from console.jobs.kinds import handler_for
from console.jobs.models import ImportUpload, Job
from console.jobs.progress import job_progress
from console.jobs.queue import jobs_enqueue_waiting
from console.jobs.uploads import SizeLimitHandler

ERRORS_PER_PAGE = 50


class _Echo:
    def write(self, value):
        return value


def _csv_response(rows, filename: str) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse((writer.writerow(r) for r in rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _visible_jobs(operator):
    jobs = Job.objects.select_related("operator")
    if operator.allowed_pools:
        jobs = jobs.filter(pool_id__in=operator.allowed_pools)
    return jobs


def _job_for(request, job_id: int) -> Job:
    job = get_object_or_404(Job, pk=job_id)
    check_pool(request.user, job.pool_id)
    return job


def _upload_for(request, token: str) -> ImportUpload:
    upload = get_object_or_404(ImportUpload, token=token)
    check_perm(request.user, "run_imports")
    check_pool(request.user, upload.pool_id)
    if upload.operator_id != request.user.pk:
        raise PermissionDenied("This upload belongs to another operator.")
    return upload


# --- Jobs -----------------------------------------------------------------------


@require_GET
@require("view_console")
@vary_on_headers("HX-Request")
def job_list(request):
    jobs_enqueue_waiting()  # a job that waited for Redis goes out as soon as someone looks
    jobs = list(_visible_jobs(request.user)[:100])
    context = {"jobs": jobs, "any_active": any(j.active for j in jobs), "now": timezone.now()}
    template = "jobs/list.html#table" if request.htmx and not request.htmx.history_restore_request else "jobs/list.html"
    return render(request, template, context)


@require_GET
@require("view_console")
@vary_on_headers("HX-Request")
def job_detail(request, job_id: int):
    job = _job_for(request, job_id)
    if job.status == Job.QUEUED and job.enqueued_at is None:
        jobs_enqueue_waiting()
        job.refresh_from_db()
    handler = handler_for(job.kind)
    context = {
        "job": job,
        "kind_template": handler.template,  # the kind's summary, counters and actions
        "progress": job_progress(job, handler),
        "now": timezone.now(),
        "failures": services.job_latest_failures(job),
        "can_cancel": job.active and has_perm(request.user, Job.PERMISSIONS[job.kind]),
        "can_download": job.kind == Job.KIND_EXPORT and has_perm(request.user, "export_users"),
        "can_reverse": _can_reverse(request.user, job),
    }
    partial = request.htmx and not request.htmx.history_restore_request
    return render(request, "jobs/detail.html#progress" if partial else "jobs/detail.html", context)


def _can_reverse(operator, job: Job) -> bool:
    if job.kind != Job.KIND_BULK or job.active or not has_perm(operator, "run_bulk"):
        return False
    from console.jobs import bulk

    spec = bulk.ACTIONS.get((job.options or {}).get("action", ""))
    inverse = bulk.ACTIONS.get(spec.inverse) if spec and spec.inverse else None
    return inverse is not None and has_perm(operator, inverse.permission) and bulk.reversible(job)


@require_POST
@require("view_console")
def job_cancel_view(request, job_id: int):
    job = _job_for(request, job_id)
    try:
        services.job_cancel(operator=request.user, job=job, reason=request.POST.get("reason", ""))
        messages.info(request, "Cancel requested: the job stops after the rows in progress.")
    except services.ImportRefused as exc:
        messages.warning(request, str(exc))
    return redirect("jobs:detail", job_id=job.pk)


@never_cache
@require_GET
@require("view_console")
def job_results(request, job_id: int):
    job = _job_for(request, job_id)
    return _csv_response(services.job_results_rows(job), f"job-{job.pk}-results.csv")


@never_cache
@require_GET
@require("view_console")
def job_failures(request, job_id: int):
    job = _job_for(request, job_id)
    return _csv_response(services.job_results_rows(job, failures_only=True), f"job-{job.pk}-failures.csv")


# --- Imports --------------------------------------------------------------------


@csrf_exempt  # the CSRF check runs in _upload_post, after the size-limiting handler is in place
@require_http_methods(["GET", "POST"])
@require("run_imports")
def import_upload(request, pool_id):
    if request.method == "POST":
        request.upload_handlers.insert(0, SizeLimitHandler(request))
        return _upload_post(request, pool_id)
    request.session["pool_id"] = pool_id
    return render(request, "jobs/upload.html", {"pool_id": pool_id, "form": UploadForm()})


@csrf_protect
def _upload_post(request, pool_id):
    form = UploadForm(request.POST, request.FILES)
    if getattr(request, "upload_too_large", False):
        context = {"pool_id": pool_id, "form": UploadForm(), "error": too_large_message()}
        return render(request, "jobs/upload.html", context, status=413)
    if not form.is_valid():
        return render(request, "jobs/upload.html", {"pool_id": pool_id, "form": form}, status=400)
    try:
        upload = services.upload_store(operator=request.user, pool_id=pool_id, uploaded=form.cleaned_data["file"])
        services.import_check(upload=upload, create_missing_groups=form.cleaned_data["create_missing_groups"])
    except services.ImportRefused as exc:
        form.add_error(None, str(exc))
        return render(request, "jobs/upload.html", {"pool_id": pool_id, "form": form}, status=400)
    except CognitoError as exc:
        form.add_error(None, exc.message)
        return render(request, "jobs/upload.html", {"pool_id": pool_id, "form": form}, status=502)
    return redirect("jobs:import_check", token=upload.token)


@require_http_methods(["GET", "POST"])
@require("run_imports")
@vary_on_headers("HX-Request")
def import_check_view(request, token: str):
    upload = _upload_for(request, token)
    report = upload.report or {}
    if upload.job_id:
        return redirect("jobs:detail", job_id=upload.job_id)
    initial = {"create_missing_groups": report.get("create_missing_groups", False)}
    form = StartImportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            job = services.import_start(
                operator=request.user,
                upload=upload,
                existing=data["existing"],
                suppress_invitations=data["invitations"] == "suppress",
                create_missing_groups=data["create_missing_groups"],
                only_valid=data["only_valid"],
                reason=data["reason"],
            )
        except services.ImportRefused as exc:
            form.add_error(None, str(exc))
        except CognitoError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("jobs:detail", job_id=job.pk)
    try:
        page = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        page = 1
    errors = services.upload_errors(upload, offset=(page - 1) * ERRORS_PER_PAGE, limit=ERRORS_PER_PAGE + 1)
    context = {
        "upload": upload,
        "report": report,
        "form": form,
        "errors": errors[:ERRORS_PER_PAGE],
        "page": page,
        "has_next": len(errors) > ERRORS_PER_PAGE,
        "pool_id": upload.pool_id,
    }
    partial = request.htmx and not request.htmx.history_restore_request and request.method == "GET"
    return render(
        request,
        "jobs/check.html#errors" if partial else "jobs/check.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


@never_cache
@require_GET
@require("run_imports")
def import_errors_csv(request, token: str):
    upload = _upload_for(request, token)
    if not upload.errors_path:
        raise Http404("No error report for this upload.")

    def rows():
        with open(upload.errors_path, newline="", encoding="utf-8") as f:
            yield from csv.reader(f)

    return _csv_response(rows(), "import-errors.csv")


@never_cache
@require_GET
@require("run_imports")
def import_template(request, pool_id):
    return _csv_response(services.template_csv(pool_id), f"import-template-{pool_id}.csv")


# --- Cognito's native import jobs -------------------------------------------------


@csrf_exempt  # checked in _native_create after the size-limiting handler is in place
@require_http_methods(["GET", "POST"])
@require("run_imports")
def native_list(request, pool_id):
    form = NativeImportForm(initial={"role_arn": settings.CONSOLE_IMPORT_LOGS_ROLE_ARN})
    status = 200
    if request.method == "POST":
        request.upload_handlers.insert(0, SizeLimitHandler(request))
        refused = CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {})
        if refused is not None:
            return refused
        result = _native_create(request, pool_id)
        if isinstance(result, HttpResponseBase):
            return result
        form, status = result, 400
    try:
        jobs, unavailable = imports.native_jobs_list(pool_id), ""
    except CognitoError as exc:
        jobs, unavailable = [], ("Not available on this backend." if exc.unsupported else exc.message)
    context = {"pool_id": pool_id, "jobs": jobs, "form": form, "any_active": any(j.active for j in jobs),
               "unavailable": unavailable}
    template = "jobs/native.html#table" if request.htmx and request.method == "GET" else "jobs/native.html"
    return render(request, template, context, status=status)


def _native_create(request, pool_id):
    form = NativeImportForm(request.POST, request.FILES)
    if getattr(request, "upload_too_large", False):
        form = NativeImportForm(request.POST)
        form.is_valid()
        form.add_error(None, too_large_message())
        return form
    if not form.is_valid():
        return form
    upload = None
    try:
        upload = services.upload_store(operator=request.user, pool_id=pool_id, uploaded=form.cleaned_data["file"])
        job = native.native_import_create(
            operator=request.user,
            pool_id=pool_id,
            name=form.cleaned_data["name"],
            role_arn=form.cleaned_data["role_arn"],
            path=upload.path,
            reason=form.cleaned_data["reason"],
        )
    except (native.NativeRefused, services.ImportRefused, CognitoError) as exc:
        form.add_error(None, str(exc))
        return form
    finally:
        if upload is not None:  # Cognito has its copy (or refused it): keep none here
            Path(upload.path).unlink(missing_ok=True)
    messages.success(request, f"Cognito import job {job.id} started.")
    return redirect("jobs:native_list", pool_id=pool_id)


@never_cache
@require_GET
@require("run_imports")
def native_header(request, pool_id):
    try:
        header = imports.csv_header(pool_id)
    except CognitoError as exc:
        messages.error(request, "Not available on this backend." if exc.unsupported else exc.message)
        return redirect("jobs:native_list", pool_id=pool_id)
    return _csv_response([header], f"cognito-import-header-{pool_id}.csv")


@require_POST
@require("run_imports")
def native_stop(request, pool_id, job_id):
    try:
        native.native_import_stop(
            operator=request.user, pool_id=pool_id, job_id=job_id, reason=request.POST.get("reason", "")
        )
        messages.info(request, f"Cognito import job {job_id} is stopping.")
    except CognitoError as exc:
        messages.error(request, exc.message)
    return redirect("jobs:native_list", pool_id=pool_id)
