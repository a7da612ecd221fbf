"""`genforge runs [FOLDER]`: the runs in FOLDER (default runs/) with their state, step and best FID."""

from __future__ import annotations

from pathlib import Path

from ..core.errors import GenforgeError


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("runs", help="list runs and their state", description=__doc__)
    parser.add_argument("folder", nargs="?", default="runs", metavar="FOLDER")
    parser.set_defaults(run=run)


def best_figure(run) -> str:
    """The run's headline figure: from its measurements, as its modality's report handler reads them
    (FID from eval.json; bits/char from eval.json or likelihood.json), else the best evaluation during
    training."""
    from ..reports.handlers import REPORTS

    headline = REPORTS.get(run.modality).headline(run) if run.modality in REPORTS else None
    if headline:
        return headline
    if run.best:
        name, value = next(iter(run.best.items()))
        label = f"FID ({name[4:-1]})" if name.startswith("FID[") else name
        return f"{label} {value:.2f} (during training)"
    return "-"


def run(args) -> int:
    # Imported here, not at the top: building the parser (help, usage and config errors) needs no torch.
    from ..reports.run_summary import find_runs, summarise

    folder = Path(args.folder)
    if not folder.is_dir():
        raise GenforgeError(f"{folder} is not a folder")
    paths = find_runs(folder)
    if not paths:
        print(f"no runs in {folder}")
        return 0
    rows = [("run", "model", "state", "step", "minutes", "best")]
    for path in paths:
        try:
            summary = summarise(path)
        except (GenforgeError, OSError, ValueError, KeyError) as error:  # one bad folder does not hide the rest
            rows.append((path.name, "?", f"unreadable: {str(error).splitlines()[0][:60]}", "-", "-", "-"))
            continue
        rows.append((summary.name, summary.model, summary.status.get("state", "unknown"), str(summary.step),
                     f"{summary.seconds / 60:.1f}", best_figure(summary)))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(value.ljust(width) for value, width in zip(row, widths)).rstrip())
    return 0
