"""Uploads from the web page and the API: checked, recorded, kept on disk and queued for the worker."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from borderlink.accounts.roles import Action
from borderlink.ingest.catalogue import get_mapping, mapping_paths
from borderlink.ingest.mapping.spec import MappingError
from borderlink.ingest.models import ImportRun
from borderlink.ingest.services import start_run
from borderlink.jobs.queue import enqueue

MAX_UPLOAD_BYTES = 200 * 1024 * 1024


class UploadRefused(ValueError):
    """An upload that is not accepted; the message says why."""


def queue_upload(user: Any, source: str, file_name: str, data: bytes, channel: str) -> ImportRun:
    """Accept an upload for ``source`` and queue its import; the worker stores the records."""
    if not user.can(Action.CREATE_IMPORT):
        raise PermissionError(_("your role may not import files"))
    if source not in mapping_paths():
        raise UploadRefused(_("unknown source %(source)s") % {"source": source})
    try:
        spec = get_mapping(source)
    except MappingError as exc:
        raise UploadRefused(str(exc)) from None
    states = user.visible_states()
    if states is not None and spec.reporting_state not in states:
        raise PermissionError(_("you may not import files of %(state)s") % {"state": spec.reporting_state})
    if not data:
        raise UploadRefused(_("the file is empty"))
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadRefused(_("the file is larger than 200 MB; use the borderlink ingest command"))
    with transaction.atomic():
        run = start_run(spec, data, file_name, channel, user)
        enqueue("ingest.import_file", {"import_run": run.pk, "mapping_path": str(mapping_paths()[source])})
    return run
