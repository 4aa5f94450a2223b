"""Pages for uploads, import runs and the quarantine."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from borderlink.accounts.decorators import requires
from borderlink.accounts.models import AccessLogEntry
from borderlink.accounts.roles import Action
from borderlink.ingest.catalogue import mapping_paths
from borderlink.ingest.models import ImportRun, QuarantinedRecord
from borderlink.ingest.quarantine import discard, retry
from borderlink.ingest.uploads import UploadRefused, queue_upload


@requires(Action.VIEW_IMPORT)
def import_list(request: HttpRequest) -> HttpResponse:
    """Every import run the user may see, newest first."""
    runs = Paginator(ImportRun.objects.restrict(request.user, Action.VIEW_IMPORT), 50)
    page = runs.get_page(request.GET.get("page"))
    return render(request, "ingest/import_list.html", {"page": page})


@requires(Action.VIEW_IMPORT)
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One import run: who, when, file hash, counts, and its quarantined rows."""
    run = ImportRun.objects.restrict(request.user, Action.VIEW_IMPORT).filter(pk=pk).first()
    if run is None:
        raise Http404
    can_see_quarantine = request.user.can(Action.VIEW_QUARANTINE)  # type: ignore[union-attr]
    quarantined = run.quarantine.all()[:200] if can_see_quarantine else []
    return render(
        request,
        "ingest/import_detail.html",
        {"run": run, "quarantined": quarantined, "can_see_quarantine": can_see_quarantine},
    )


@requires(Action.CREATE_IMPORT)
def upload(request: HttpRequest) -> HttpResponse:
    """Upload a national file; it is queued and the worker imports it."""
    sources = sorted(mapping_paths())
    if request.method == "POST":
        source = request.POST.get("source", "")
        uploaded = request.FILES.get("file")
        if uploaded is None:
            messages.error(request, _("Choose a file to upload."))
        else:
            try:
                run = queue_upload(request.user, source, uploaded.name or "upload", uploaded.read(), "web")
            except (UploadRefused, PermissionError) as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("The file was received and queued for import."))
                return redirect("import-detail", pk=run.pk)
    return render(request, "ingest/upload.html", {"sources": sources})


@requires(Action.VIEW_QUARANTINE)
def quarantine_list(request: HttpRequest) -> HttpResponse:
    """Rows waiting in quarantine, with their reason and position."""
    status = request.GET.get("status", "open")
    queryset = QuarantinedRecord.objects.restrict(request.user, Action.VIEW_QUARANTINE).select_related("import_run")
    if status in QuarantinedRecord.Status.values:
        queryset = queryset.filter(status=status)
    reason = request.GET.get("reason", "")
    if reason:
        queryset = queryset.filter(reason=reason)
    page = Paginator(queryset, 50).get_page(request.GET.get("page"))
    AccessLogEntry.record(
        request.user,
        "web",
        Action.VIEW_QUARANTINE,
        "quarantine",
        [str(e.pk) for e in page],
        {"reason": reason},
    )
    reasons = sorted(
        set(QuarantinedRecord.objects.restrict(request.user, Action.VIEW_QUARANTINE).values_list("reason", flat=True))
    )
    return render(
        request,
        "ingest/quarantine_list.html",
        {
            "page": page,
            "status": status,
            "reason": reason,
            "reasons": reasons,
            "statuses": QuarantinedRecord.Status,
        },
    )


def _entry(request: HttpRequest, pk: int) -> QuarantinedRecord:
    entry = QuarantinedRecord.objects.restrict(request.user, Action.VIEW_QUARANTINE).filter(pk=pk).first()
    if entry is None:
        raise Http404
    return entry


@requires(Action.VIEW_QUARANTINE)
def quarantine_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One quarantined row with its raw text."""
    entry = _entry(request, pk)
    AccessLogEntry.record(request.user, "web", Action.VIEW_QUARANTINE, "quarantine", [str(entry.pk)])
    return render(
        request,
        "ingest/quarantine_detail.html",
        {"entry": entry, "can_retry": request.user.can(Action.RETRY_QUARANTINE)},  # type: ignore[union-attr]
    )


@require_POST
@requires(Action.RETRY_QUARANTINE)
def quarantine_action(request: HttpRequest, pk: int) -> HttpResponse:
    """Retry (optionally with corrected raw text) or discard a quarantined row."""
    entry = _entry(request, pk)
    if request.POST.get("action") == "discard":
        discard(entry)
        messages.success(request, _("The row was discarded."))
        return redirect("quarantine-detail", pk=pk)
    corrected = request.POST.get("raw")
    raw = corrected if corrected is not None and corrected != entry.raw else None
    result = retry(entry, request.user, "web", raw=raw)
    if result.stored:
        messages.success(request, _("Stored: %(detail)s") % {"detail": result.detail})
    else:
        messages.error(request, _("Still quarantined: %(reason)s: %(detail)s") % result.__dict__)
    return redirect("quarantine-detail", pk=pk)
