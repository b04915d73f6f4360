"""Measure the matching engine at national scale (`manage.py bench_matching`).

Built on the demo seeder, so it lives with it on the roof; the per-pair reference it
compares the engine with is `pipeline.matching.reference`, which the property tests use too.
"""

import dataclasses
import os
import random
import resource
import signal
import statistics
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

from demo.seeder import Seeder, add_open_vacancies, seed_demo
from pipeline.matching import engine, reference, services
from pipeline.matching.facts import load_trainee_facts, load_vacancy_facts
from pipeline.models import Match, MatchRun, Vacancy
from pipeline.tasks import rematch_all
from reference.models import Trust
from trainees.models import Trainee

ROOT = Path(settings.BASE_DIR)


@dataclass
class Report:
    lines: list[tuple[str, str]] = field(default_factory=list)

    def add(self, what: str, figure: str) -> None:
        self.lines.append((what, figure))
        print(f"  {what}: {figure}", flush=True)

    def markdown(self) -> str:
        rows = "\n".join(f"| {what} | {figure} |" for what, figure in self.lines)
        return f"| measure | figure |\n|---|---|\n{rows}"


def build_data(*, trainees: int, vacancies: int, seed: int) -> None:
    seed_demo(trainees=trainees, seed=seed, reset=True)
    missing = vacancies - Vacancy.objects.filter(status=Vacancy.Status.OPEN).count()
    if missing > 0:
        add_open_vacancies(count=missing, seed=seed + 1)


def manage(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, capture_output=True,
                          text=True, check=True, env=os.environ.copy())


def full_rematch_in_a_process(report: Report, label: str) -> None:
    """Time `manage.py rematch --all` in its own process, with its peak memory."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    result = manage("rematch", "--all")
    elapsed = time.perf_counter() - started
    peak_mb = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    report.add(f"full rematch, {label} (whole process)", f"{elapsed:.1f} s, peak memory {peak_mb:.0f} MB")
    report.add(f"full rematch, {label} (job only)", result.stdout.strip())


def one_vacancy_published(report: Report, seed: int) -> None:
    seeder = Seeder(trainees=0, seed=seed, today=timezone.localdate())
    trust = Trust.objects.order_by("ods_code").first()
    assert trust is not None, "seed the demo first"
    draft = seeder.vacancy(trust, seeder.ref.grades, status=Vacancy.Status.DRAFT)
    draft.uuid = uuid.uuid4()  # the seeded generator would repeat an earlier run's id
    draft.save()
    draft.required_domains.set(seeder.ref.domains[:2])
    started = time.perf_counter()
    draft.status = Vacancy.Status.OPEN
    draft.save(update_fields=["status"])
    run = services.match_vacancy(vacancy_id=draft.pk)
    elapsed = time.perf_counter() - started
    report.add("one vacancy published → its matches stored",
               f"{elapsed:.2f} s ({run.pairs_scored:,} pairs scored, {run.rows_created} rows)")
    draft.delete()  # leave the data as it was for the next measure


def one_trainee_rematched(report: Report) -> None:
    trainee = (Trainee.objects.filter(preferences__discoverable=True)
               .order_by("-portfolio_updated_at", "pk").first())
    assert trainee is not None, "seed the demo first"
    times = []
    for _ in range(3):
        started = time.perf_counter()
        run = services.rematch_trainee(trainee_id=trainee.pk)
        times.append(time.perf_counter() - started)
    report.add("one trainee rematched (median of 3)",
               f"{statistics.median(times):.2f} s ({run.pairs_scored:,} pairs scored)")


def _score_with_reference(t_sample, v_sample) -> tuple[dict, float]:
    started = time.perf_counter()
    scores = {(t.id, v.id): reference.score(t, v)
              for t in t_sample for v in v_sample if reference.eligible(t, v)}
    return scores, time.perf_counter() - started


def _score_with_engine(t_sample, v_sample) -> tuple[dict, float]:
    started = time.perf_counter()
    tr, va = engine.build_arrays(t_sample, v_sample)
    scores: dict[tuple[int, int], float] = {}
    for block in engine.column_blocks(tr, va):
        r, c = block.eligible.nonzero()
        pairs = zip(tr.ids[block.rows[r]].tolist(), va.ids[block.cols[c]].tolist(), strict=True)
        scores.update(zip(pairs, block.score[r, c].tolist(), strict=True))
    return scores, time.perf_counter() - started


def reference_on_a_sample(report: Report, *, trainees: int = 1500, vacancies: int = 400) -> None:
    """Score every pair of a sample one at a time (the reference) and with arrays.

    Run twice: as the data is (most pairs fail a hard filter, which the reference
    rejects cheaply) and with every pair made eligible (the scoring itself).
    """
    rng = random.Random(1)
    t_facts = load_trainee_facts(Trainee.objects.all(), today=timezone.localdate())
    v_facts = load_vacancy_facts(Vacancy.objects.all())
    t_sample = sorted(rng.sample(t_facts, min(trainees, len(t_facts))), key=lambda f: f.id)
    v_sample = sorted(rng.sample(v_facts, min(vacancies, len(v_facts))), key=lambda f: f.id)
    everyone = [dataclasses.replace(v, remote_possible=True, min_rank=0, max_rank=10**6,
                                    start_date=date.max, appointed_trainee_ids=frozenset())
                for v in v_sample]
    pairs = len(t_sample) * len(v_sample)
    for label, vacancies_used in (("as the data is", v_sample), ("every pair eligible", everyone)):
        expected, reference_s = _score_with_reference(t_sample, vacancies_used)
        got, engine_s = _score_with_engine(t_sample, vacancies_used)
        report.add(f"reference, {len(t_sample):,} × {len(v_sample)} sample, {label}",
                   f"{reference_s:.2f} s ({reference_s / pairs * 1e6:.2f} µs a pair)")
        report.add(f"engine, same sample, {label}",
                   f"{engine_s:.3f} s; speed-up {reference_s / engine_s:.1f}×; "
                   f"identical scores: {got == expected}")
    full_pairs = len(t_facts) * len(v_facts)
    report.add("reference extrapolated to every pair of the full problem, all eligible",
               f"{reference_s / pairs * full_pairs:.0f} s for {full_pairs:,} pairs (scoring only)")


def full_rematch_through_workers(report: Report, processes: int) -> None:
    """Start a real worker with N processes on the matching queue; time a full rematch."""

    Match.objects.all().delete()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get(
        "DJANGO_SETTINGS_MODULE", "config.settings.base")}
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "-Q", "matching", "-c",
         str(processes), "--pool", "prefork", "-l", "warning", "--without-gossip",
         "--without-mingle", "-n", f"bench{processes}@%h"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        time.sleep(5)  # let the worker connect
        started = time.perf_counter()
        run_id = rematch_all.apply_async(queue="matching").get(timeout=600)
        while MatchRun.objects.get(pk=run_id).status == MatchRun.Status.RUNNING:
            time.sleep(0.2)
        elapsed = time.perf_counter() - started
        run = MatchRun.objects.get(pk=run_id)
        report.add(f"full rematch through a worker with {processes} process(es)",
                   f"{elapsed:.1f} s ({run.rows_created:,} rows created, {run.get_status_display()})")
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=60)


def run(*, trainees: int, vacancies: int, seed: int, reuse: bool, workers: bool) -> Report:
    report = Report()
    print(f"Database: {connection.vendor}; top K = {services.top_k()}", flush=True)
    if not (reuse and Trainee.objects.count() == trainees):
        started = time.perf_counter()
        build_data(trainees=trainees, vacancies=vacancies, seed=seed)
        report.add("data built (seed_demo + open vacancies)", f"{time.perf_counter() - started:.0f} s")
    discoverable = Trainee.objects.filter(preferences__discoverable=True).count()
    open_roles = Vacancy.objects.filter(status=Vacancy.Status.OPEN).count()
    report.add("trainees / discoverable / open vacancies",
               f"{Trainee.objects.count():,} / {discoverable:,} / {open_roles:,}")
    Match.objects.all().delete()
    full_rematch_in_a_process(report, "from no matches")
    full_rematch_in_a_process(report, "again, nothing changed")
    one_vacancy_published(report, seed)
    one_trainee_rematched(report)
    reference_on_a_sample(report)
    if workers and settings.REDIS_URL:
        for processes in (1, 2):
            full_rematch_through_workers(report, processes)
    elif workers:
        report.add("full rematch through workers", "skipped: set REDIS_URL to run workers")
    return report
