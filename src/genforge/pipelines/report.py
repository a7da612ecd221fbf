"""The report of a run: what it takes the model to show (computed here, the layer that loads runs,
by the handler of its modality), then report.html rendered from that and the run folder's files
(reports/run_report.py)."""

from __future__ import annotations

import json
from pathlib import Path

from ..core.errors import GenforgeError
from ..reports.run_report import write_report
from ..training.run_folder import RunFolder
from .handlers import PIPELINES
from .likelihood import measure_likelihood
from .loading import LoadedRun, load_run


def write_run_report(run: str | Path | LoadedRun, out: str | Path | None = None) -> Path:
    loaded = run if isinstance(run, LoadedRun) else load_run(run)
    data = PIPELINES.get(loaded.modality).report_data(loaded.model, loaded.config)
    return write_report(loaded.folder.root, loaded.modality, data, out)


def measured_at(path: Path) -> int | None:
    """The checkpoint step a saved measurement describes (None when unknown or missing)."""
    try:
        return json.loads(path.read_text()).get("step")
    except (OSError, json.JSONDecodeError):
        return None


def take_missing_measurements(run: str | Path | RunFolder | LoadedRun, n: int,
                              say=lambda line: print(line, flush=True)) -> LoadedRun:
    """Measure what is missing, or was measured at an older checkpoint than the newest: what the
    modality measures without being asked (images: the sample metrics where the data source declares
    a shipped feature network), and the likelihood where the model has one. Returns the loaded run,
    for the report to use without loading it again."""
    loaded = run if isinstance(run, LoadedRun) else load_run(run.root if isinstance(run, RunFolder) else run)
    step = loaded.model.loaded_step  # the checkpoint the samples and measurements come from
    PIPELINES.get(loaded.modality).missing_measurements(loaded.folder, loaded.config, loaded.model, n, say)
    if measured_at(loaded.folder.root / "likelihood.json") != step and loaded.model.capabilities.likelihood:
        say(f"measuring the held-out likelihood of step {step} (written to likelihood.json) ...")
        measure_likelihood(loaded.folder, loaded.model)
    return loaded


def report_run(run: str | Path, n: int, out: str | Path | None = None, measure: bool = True) -> Path:
    """`genforge report`: the run read and its model loaded once (a one-line error when it is not a
    run), what is missing measured (unless `measure` is off), then report.html written."""
    loaded = load_run(run)
    if measure:
        take_missing_measurements(loaded, n)
    try:
        return write_run_report(loaded, out)
    except OSError as error:
        raise GenforgeError(f"cannot write the report to {out or loaded.folder.root}: {error.strerror or error}") from None
