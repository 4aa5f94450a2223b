"""Imports every app's job handlers so the worker knows every job kind."""

import borderlink.identity.jobs
import borderlink.ingest.jobs
import borderlink.screening.jobs  # noqa: F401
