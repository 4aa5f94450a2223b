"""Screening: alerts, the in-memory screening index, hits and their follow-up with deadlines."""
