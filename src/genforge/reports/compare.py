"""The leaderboard of `genforge compare`: one table per modality, each with its own columns and
ranking (reports/<modality>/handler.py: image runs by FID within a feature network, text runs by
bits per character within a dataset), as a sortable HTML page or Markdown tables. Runs whose
modality no handler knows are listed with what every run has."""

from __future__ import annotations

from pathlib import Path

from ..core.storage import write_text_atomically
from .handlers import REPORTS, Leaderboard
from .html import image, media_beside, number, page, table
from .run_summary import RunSummary

OTHER_HEADINGS = ["run", "model", "steps", "training time (min)", "units/s"]
OTHER_DIGITS = [0, 1, 0]


def leaderboards(runs: list[RunSummary]) -> list[Leaderboard]:
    """The runs by modality (in the order first met), each modality's table."""
    by_modality: dict[str | None, list[RunSummary]] = {}
    for run in runs:
        modality = run.modality if run.modality in REPORTS else None
        by_modality.setdefault(modality, []).append(run)
    boards = [REPORTS.get(modality).leaderboard(group) for modality, group in by_modality.items() if modality]
    others = by_modality.get(None)
    if others:
        rows = [([run.name, run.model], [run.step, run.seconds / 60, run.throughput])
                for run in sorted(others, key=lambda run: run.name)]
        boards.append(Leaderboard("Other runs", "Runs of a kind of data this genforge has no leaderboard for.",
                                  OTHER_HEADINGS, OTHER_DIGITS, rows, []))
    return [board for board in boards if board is not None]


def markdown_table(headings: list[str], rows: list[tuple[list[str], list[float | None]]], digits: list[int]) -> list[str]:
    named = len(rows[0][0]) if rows else 3
    lines = ["| " + " | ".join(headings) + " |", "|" + "---|" * named + "---:|" * (len(headings) - named)]
    for names, values in rows:
        cells = ["–" if v is None else f"{v:.{d}f}" for v, d in zip(values, digits)]
        lines.append("| " + " | ".join([*names, *cells]) + " |")
    return lines


def markdown(runs: list[RunSummary]) -> str:
    lines: list[str] = []
    for board in leaderboards(runs):
        lines += ([""] if lines else []) + markdown_table(board.headings, board.rows, board.digits)
    return "\n".join(lines) + "\n"


def html_page(runs: list[RunSummary]) -> str:
    body = ("<h1>genforge leaderboard</h1><p class=\"muted\">Click a column heading to sort. Metrics come from "
            "each run's eval.json (its feature network is named), NLL from likelihood.json.</p>")
    for index, board in enumerate(leaderboards(runs)):
        rows = [[*names, *[number(v, d) for v, d in zip(values, board.digits[-len(values):])]] for names, values in board.rows]
        body += (f"<h2>{board.title}</h2><p class=\"muted\">{board.note}</p>"
                 + table(board.headings, rows, sortable=True, table_id="leaderboard" if index == 0 else f"leaderboard-{index}"))
        if board.pictures:
            body += f"<h2>{board.pictures_title}</h2>" + "".join(image(path, f"samples of {name}", name, width=240)
                                                        for path, name in board.pictures)
    return page("genforge leaderboard", body, script=True)


def write_comparison(runs: list[RunSummary], out: Path, fmt: str) -> Path:
    if fmt == "md":
        write_text_atomically(out, markdown(runs), "the comparison")
        return out
    with media_beside(out) as media:  # the runs' pictures beside the page, in <page>_files/
        content = html_page(runs)
    media.write("the comparison's pictures")
    write_text_atomically(out, content, "the comparison")
    media.prune()
    return out
