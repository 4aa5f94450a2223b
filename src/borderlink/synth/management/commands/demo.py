"""``borderlink demo``: a node with synthetic data, one user per role, the web server and the worker.

Safe to run again: migrations are idempotent, users keep their passwords (kept in the data
directory), the dataset is regenerated identically and re-imported as unchanged.
"""

from __future__ import annotations

import csv
import json
import os
import secrets
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from borderlink.accounts.models import User
from borderlink.accounts.roles import Role, Scope
from borderlink.ingest.catalogue import get_mapping
from borderlink.ingest.services import import_file
from borderlink.synth.generate import generate

DEMO_USERS = (
    ("officer", Role.BORDER_OFFICER, "KHM", Scope.COUNTRY),
    ("analyst", Role.ANALYST, "KHM", Scope.REGIONAL),
    ("investigator", Role.INVESTIGATOR, "KHM", Scope.COUNTRY),
    ("focalpoint", Role.FOCAL_POINT, "KHM", Scope.COUNTRY),
    ("admin", Role.ADMINISTRATOR, "KHM", Scope.REGIONAL),
)
SOURCES = (("khm-gdi", "khm-gdi.csv"), ("tha-ib", "tha-ib.jsonl"), ("vnm-xnc", "vnm-xnc.xml"))


class Command(BaseCommand):
    help = "Set up a demo node (users, synthetic data imported through the real path) and serve it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--persons", type=int, default=3000)
        parser.add_argument("--days", type=int, default=30)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--setup-only", action="store_true", help="Prepare everything, start nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", verbosity=0)
        credentials = self._users()
        self._data(options["persons"], options["days"], options["seed"])
        url = f"http://127.0.0.1:{options['port']}/"
        self.stdout.write("\nSign in with one of these demo users (one per role):")
        for username, role, country, scope in DEMO_USERS:
            self.stdout.write(f"  {username:<13} {credentials[username]:<24} {role.label} ({country}, {scope.label})")
        if options["setup_only"]:
            self.stdout.write(f"\nSetup done. Start with: borderlink demo (then open {url})")
            return
        worker = subprocess.Popen([sys.executable, "-m", "borderlink", "worker"], env=os.environ.copy())
        self.stdout.write(f"\nborderlink demo node: {url}  (worker pid {worker.pid}; Ctrl-C stops both)\n")
        try:
            call_command("runserver", f"127.0.0.1:{options['port']}", use_reloader=False)
        finally:
            worker.terminate()
            worker.wait(timeout=10)

    def _users(self) -> dict[str, str]:
        path = Path(settings.DATA_DIR) / "demo-credentials.json"
        saved: dict[str, str] = json.loads(path.read_text()) if path.exists() else {}
        for username, role, country, scope in DEMO_USERS:
            password = saved.get(username) or f"{username}-{secrets.token_hex(4)}"
            saved[username] = password
            user, _created = User.objects.get_or_create(username=username)
            user.role, user.country, user.scope = role, country, scope
            user.set_password(password)
            user.save()
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            json.dump(saved, handle, indent=1)
        return saved

    def _data(self, persons: int, days: int, seed: int) -> None:
        out = Path(settings.DATA_DIR) / "demo-data"
        summary = generate(persons=persons, days=days, seed=seed, out_dir=out)
        self.stdout.write(
            f"Synthetic data: {summary.persons} persons, {summary.total_rows} records in {out} "
            f"({summary.total_defects} deliberately defective)"
        )
        self._alerts(out)
        for source, name in SOURCES:
            path = out / name
            run = import_file(get_mapping(source), path.read_bytes(), name, invoked_by="make demo")
            self.stdout.write(
                f"  {name}: read {run.read}, stored {run.stored}, updated {run.updated}, "
                f"unchanged {run.unchanged}, quarantined {run.quarantined}"
            )

    def _alerts(self, out: Path) -> None:
        """Cambodia's focal points and a few alerts on travellers of the demo data, before it is imported.

        The alerts are written as an alerts CSV and read by the same importer as ``borderlink alerts
        import``, so the worker screens the imported crossings against them and the hit queues fill.
        """
        from borderlink.registry.models import FocalPoint
        from borderlink.screening.importer import HEADER, import_alerts

        focal = User.objects.get(username="focalpoint")
        for duty, name, email, user in (
            ("primary", "Demo focal point", "focal-point@khm.example", focal),
            ("deputy", "Demo deputy", "deputy@khm.example", None),
            ("desk", "24/7 desk", "desk-24-7@khm.example", None),
        ):
            FocalPoint.objects.update_or_create(
                state_id="KHM", duty=duty, defaults={"name": name, "email": email, "user": user}
            )
        with (out / "khm-gdi.csv").open(encoding="utf-8-sig", newline="") as handle:
            rows = [row for row in csv.DictReader(handle) if row["surname"] and row["birth_date"][:2] != "00"]
        minors = [r for r in rows if r["birth_date"][-4:] >= "2010" and r["accompanying_record_no"]]
        adults = [r for r in rows if "1960" <= r["birth_date"][-4:] <= "1995"]
        review = (date.today() + timedelta(days=365)).isoformat()

        def person(ref: str, kind: str, row: dict[str, str], reason: str, action: str = "") -> list[str]:
            day, month, year = row["birth_date"].split("/")
            return [ref, kind, row["surname"], row["given_names"], row["name_km"], row["sex"],
                    f"{year}-{month}-{day}", row["nationality"], "", "", reason, action, review]  # fmt: skip

        chosen = []
        if minors:
            chosen.append(person("KHM-AR-DEMO-1", "at_risk", minors[0], "Demo: child recruited for work abroad"))
        if len(adults) > 2:
            chosen.append(person("KHM-WA-DEMO-2", "wanted", adults[0], "Demo: warrant for trafficking in persons"))
            chosen.append(person("KHM-DC-DEMO-3", "discreet_check", adults[1], "Demo: suspected recruiter"))
            stolen = adults[2]
            chosen.append(["KHM-TD-DEMO-4", "travel_document", "", "", "", "", "", "", stolen["doc_number"],
                           stolen["doc_issuer"], "Demo: reported stolen", "", review])  # fmt: skip
        path = out / "demo-alerts.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADER)
            writer.writerows(chosen)
        run = import_alerts(path, issuing_state="KHM", invoked_by="make demo")
        self.stdout.write("  demo-alerts.csv: " + ", ".join(f"{k} {v}" for k, v in run.counts().items()))
