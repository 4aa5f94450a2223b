"""``borderlink identity link|evaluate|train|cluster|evaluate-febrl``: link crossings to persons and measure.

``link`` links crossings that have no decision yet with the real-time model; ``train`` trains the batch
(Splink) model on every crossing and saves it; ``cluster`` re-clusters every crossing with it, keeping
analysts' decisions; ``evaluate`` measures the current links against a truth file; ``evaluate-febrl``
measures the batch linker on the public FEBRL4 benchmark.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Hashable
from pathlib import Path
from typing import Any, NoReturn

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from borderlink.crossings.models import Crossing
from borderlink.identity import clustering
from borderlink.identity.engine import BACKENDS, TrainedModel
from borderlink.identity.evaluate import Scores, bcubed, pairwise, pairwise_where
from borderlink.identity.febrl import evaluate_febrl4
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
        backend = {
            "choices": BACKENDS,
            "default": settings.IDENTITY_BACKEND,
            "help": "Where Splink runs: duckdb (in this process) or spark (local Spark, Java 17).",
        }
        train = sub.add_parser("train", help="Train the batch (Splink) model on every crossing and save it.")
        train.add_argument("--backend", **backend)  # type: ignore[arg-type]
        train.add_argument("--max-pairs", type=float, default=2e6, help="Random pairs for estimating u.")
        train.add_argument("--seed", type=int, default=1)
        cluster = sub.add_parser("cluster", help="Re-cluster every crossing with the trained model.")
        cluster.add_argument("--backend", **backend)  # type: ignore[arg-type]
        cluster.add_argument("--model", type=Path, help="A model file (default: the one trained last).")
        cluster.add_argument("--threshold", type=float, default=clustering.DEFAULT_THRESHOLD)
        cluster.add_argument("--json", action="store_true")
        febrl = sub.add_parser("evaluate-febrl", help="Link FEBRL4 A to B with the batch linker and score it.")
        febrl.add_argument("--without-ssn", action="store_true", help="Leave the social security number out.")
        febrl.add_argument("--path", type=Path, help="Folder holding dataset4a.csv and dataset4b.csv.")
        febrl.add_argument("--backend", **backend)  # type: ignore[arg-type]
        febrl.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, "do_" + options["action"].replace("-", "_"))(options)

    def _fail(self, message: str) -> NoReturn:
        self.stderr.write(f"borderlink identity: {message}")
        raise SystemExit(2)

    def do_train(self, options: dict[str, Any]) -> None:
        try:
            model = clustering.train_model(options["backend"], max_pairs=options["max_pairs"], seed=options["seed"])
        except ValueError as exc:
            self._fail(str(exc))
        path = clustering.save_model(model)
        facts = model.trained
        self.stdout.write(
            f"trained {model.version} on {facts['crossings']} crossings ({facts['profiles']} distinct) "
            f"with {facts['backend']} in {facts['seconds']} s"
        )
        self.stdout.write(f"saved {path}")
        for line in clustering.model_summary(model):
            self.stdout.write(f"  {line}")

    def do_cluster(self, options: dict[str, Any]) -> None:
        try:
            model = TrainedModel.load(options["model"]) if options["model"] else clustering.current_model()
        except (OSError, ValueError, KeyError) as exc:
            self._fail(f"cannot read the model: {exc}")
        if model is None:
            self._fail("no trained model: run `borderlink identity train` first")
        summary = clustering.recluster(model, options["backend"], options["threshold"])
        if options["json"]:
            self.stdout.write(json.dumps(summary.__dict__))
            return
        total = sum(summary.seconds.values())
        self.stdout.write(
            f"clustered {summary.crossings} crossings ({summary.profiles} distinct, {summary.scored_pairs} "
            f"pairs scored 0.5 or more) into {summary.persons} persons with {summary.model_version} "
            f"on {summary.backend} in {total:.1f} s"
        )
        self.stdout.write(
            f"  decisions written {summary.written}, analysts' decisions kept {summary.kept_manual}, "
            f"new persons {summary.new_persons}, needs review {summary.needs_review}, "
            f"shared documents {summary.shared_document}"
        )
        self.stdout.write("  seconds: " + ", ".join(f"{k} {v}" for k, v in summary.seconds.items()))

    def do_evaluate_febrl(self, options: dict[str, Any]) -> None:
        try:
            result = evaluate_febrl4(options["path"], with_ssn=not options["without_ssn"], backend=options["backend"])
        except (OSError, ValueError) as exc:
            self._fail(str(exc))
        scores = {"pairwise": result.pairwise, "bcubed": result.bcubed}
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "records": result.records,
                        "with_ssn": result.with_ssn,
                        "model_version": result.model_version,
                        "seconds": result.seconds,
                        **{
                            name: {"precision": s.precision, "recall": s.recall, "f1": s.f1}
                            for name, s in scores.items()
                        },
                    }
                )
            )
            return
        fields = "all fields" if result.with_ssn else "without soc_sec_id"
        self.stdout.write(
            f"FEBRL4 ({fields}): records evaluated: {result.records} (entities in truth: {result.entities}); "
            f"train {result.seconds['train']} s, link {result.seconds['link']} s"
        )
        for name, s in scores.items():
            pairs = f" (true pairs {s.actual})" if s.actual else ""
            self.stdout.write(f"{name:<20} {s} [P={s.precision:.4f} R={s.recall:.4f} F1={s.f1:.4f}]{pairs}")

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
