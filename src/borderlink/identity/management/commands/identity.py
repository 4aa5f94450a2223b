"""``borderlink identity link|evaluate``: link crossings to persons, and measure the links against a truth."""

from __future__ import annotations

import csv
import json
from collections.abc import Hashable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from borderlink.crossings.models import Crossing
from borderlink.identity.evaluate import Scores, bcubed, pairwise, pairwise_where
from borderlink.identity.linking import link_crossings
from borderlink.identity.models import LinkDecision


class Command(BaseCommand):
    help = "Link crossings not yet linked to persons, or evaluate the current links against truth.csv."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("link", help="Link every crossing that has no current link decision.")
        evaluate = sub.add_parser("evaluate", help="Pairwise and B-cubed precision, recall and F1 against a truth.")
        evaluate.add_argument("--truth", type=Path, required=True, help="CSV with record_id,person_id columns.")
        evaluate.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, "do_" + options["action"])(options)

    def do_link(self, options: dict[str, Any]) -> None:
        linked = set(LinkDecision.objects.filter(current=True).values_list("crossing_id", flat=True))
        ids = [i for i in Crossing.objects.values_list("id", flat=True) if i not in linked]
        done = 0
        for start in range(0, len(ids), 5000):
            done += len(link_crossings(ids[start : start + 5000]))
        self.stdout.write(f"linked {done} crossing(s)")

    def do_evaluate(self, options: dict[str, Any]) -> None:
        try:
            with options["truth"].open(encoding="utf-8-sig", newline="") as handle:
                truth = {row["record_id"]: row["person_id"] for row in csv.DictReader(handle)}
        except (OSError, KeyError) as exc:
            self.stderr.write(f"borderlink identity: {options['truth']}: cannot read record_id,person_id: {exc}")
            raise SystemExit(2) from None
        rows = LinkDecision.objects.filter(current=True).values_list(
            "crossing__uid", "person_id", "crossing__family_name", "crossing__given_names", "crossing__document_number"
        )
        clusters: dict[Hashable, Hashable] = {}
        latin: dict[str, bool] = {}
        documents: dict[str, str | None] = {}
        for uid, person, family, given, number in rows:
            if uid in truth:
                clusters[uid] = person
                latin[uid] = bool(family or given)
                documents[uid] = number
        if not clusters:
            self.stderr.write("borderlink identity: no linked crossing is in the truth file")
            raise SystemExit(2)
        known: dict[Hashable, Hashable] = {uid: person for uid, person in truth.items() if uid in clusters}
        results: dict[str, Scores] = {
            "pairwise": pairwise(clusters, known),
            "bcubed": bcubed(clusters, known),
            # A native-script-only record against one with a Latin name: the cross-script case.
            "cross_script": pairwise_where(clusters, known, lambda a, b: latin[str(a)] != latin[str(b)]),
            "same_script": pairwise_where(clusters, known, lambda a, b: latin[str(a)] == latin[str(b)]),
            "different_documents": pairwise_where(clusters, known, lambda a, b: documents[str(a)] != documents[str(b)]),
        }
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "records": len(clusters),
                        **{
                            name: {"precision": s.precision, "recall": s.recall, "f1": s.f1}
                            for name, s in results.items()
                        },
                    }
                )
            )
            return
        self.stdout.write(f"records evaluated: {len(clusters)} (persons in truth: {len(set(known.values()))})")
        for name, scores in results.items():
            pairs = f" (true pairs {scores.actual})" if scores.actual else ""
            self.stdout.write(f"{name:<20} {scores}{pairs}")
