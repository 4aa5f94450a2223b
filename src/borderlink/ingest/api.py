"""``/api/v1/imports`` and ``/api/v1/quarantine``: upload national files and follow their import."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from borderlink.accounts.models import AccessLogEntry
from borderlink.accounts.roles import Action
from borderlink.crossings.schema import ErrorSchema
from borderlink.ingest.models import ImportRun, QuarantinedRecord
from borderlink.ingest.schema import (
    ImportRunListSchema,
    ImportRunSchema,
    QuarantinedRecordSchema,
    QuarantineListSchema,
)
from borderlink.ingest.uploads import UploadRefused, queue_upload

router = Router(tags=["imports"])
PAGE = 50


def _page(request: HttpRequest, queryset: Any, page: int) -> tuple[list[Any], int, str | None]:
    page = max(1, page)
    count = queryset.count()
    items = list(queryset[(page - 1) * PAGE : page * PAGE])
    next_url = None
    if page * PAGE < count:
        next_url = request.build_absolute_uri(f"{request.path}?{urlencode({'page': page + 1})}")
    return items, count, next_url


@router.post(
    "/imports",
    response={202: ImportRunSchema, 400: ErrorSchema, 403: ErrorSchema},
    operation_id="create_import",
    summary="Upload a national file for import; the worker runs it (poll GET /imports/{id})",
)
def create_import(request: HttpRequest, source: Form[str], file: File[UploadedFile]) -> Any:
    try:
        run = queue_upload(request.user, source, file.name or "upload", file.read(), ImportRun.Channel.API)
    except PermissionError as exc:
        return Status(403, {"detail": str(exc)})
    except UploadRefused as exc:
        return Status(400, {"detail": str(exc)})
    return Status(202, run)


@router.get("/imports", response=ImportRunListSchema, operation_id="list_imports", summary="Import runs")
def list_imports(request: HttpRequest, page: int = 1) -> Any:
    queryset = ImportRun.objects.restrict(request.user, Action.VIEW_IMPORT)
    items, count, next_url = _page(request, queryset, page)
    return {"items": items, "count": count, "next": next_url}


@router.get(
    "/imports/{run_id}",
    response={200: ImportRunSchema, 404: ErrorSchema},
    operation_id="get_import",
    summary="One import run with its counts",
)
def get_import(request: HttpRequest, run_id: int) -> Any:
    run = ImportRun.objects.restrict(request.user, Action.VIEW_IMPORT).filter(pk=run_id).first()
    if run is None:
        raise Http404
    return run


@router.get("/quarantine", response=QuarantineListSchema, operation_id="list_quarantine", summary="Quarantined rows")
def list_quarantine(request: HttpRequest, page: int = 1, reason: str = "", status: str = "open") -> Any:
    queryset = QuarantinedRecord.objects.restrict(request.user, Action.VIEW_QUARANTINE)
    if reason:
        queryset = queryset.filter(reason=reason)
    if status:
        queryset = queryset.filter(status=status)
    items, count, next_url = _page(request, queryset, page)
    AccessLogEntry.record(
        request.user,
        "api",
        Action.VIEW_QUARANTINE,
        "quarantine",
        [str(q.pk) for q in items],
        {"reason": reason},
    )
    return {"items": items, "count": count, "next": next_url}


@router.get(
    "/quarantine/{entry_id}",
    response={200: QuarantinedRecordSchema, 404: ErrorSchema},
    operation_id="get_quarantined_record",
    summary="One quarantined row with its raw text",
)
def get_quarantined(request: HttpRequest, entry_id: int) -> Any:
    entry = QuarantinedRecord.objects.restrict(request.user, Action.VIEW_QUARANTINE).filter(pk=entry_id).first()
    if entry is None:
        raise Http404
    AccessLogEntry.record(request.user, "api", Action.VIEW_QUARANTINE, "quarantine", [str(entry.pk)])
    return entry
