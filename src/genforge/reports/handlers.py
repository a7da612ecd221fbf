"""What each kind of data brings to the reports: one handler object per modality, registered by its
package (reports/<modality>/handler.py) and found by the run's modality, so that the page, the
leaderboard and `genforge runs` (run_report.py, compare.py, cli/runs.py) hold no branch on one.

A handler renders its evaluation record (eval.json), says what to do when nothing is measured yet,
adds its sections to a run's report, ranks its runs in a leaderboard table of its own columns, and
gives a run's headline figure."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from ..core.registry import Registry, import_subpackages


@dataclass(frozen=True)
class Leaderboard:
    """A modality's table in `genforge compare`: its columns, how many digits each number keeps, and the
    rows of its runs, ranked: (names, values) per run, names first."""

    title: str
    note: str
    headings: list[str]
    digits: list[int]
    rows: list[tuple[list[str], list[float | None]]]
    pictures: list[tuple[Path, str]]  # (a picture of a run's samples, its caption) shown below the table
    pictures_title: str = "Latest samples"


class ModalityReport:
    name: ClassVar[str]

    def evaluation_section(self, run) -> str:
        """HTML of the run's eval.json (run.evaluation)."""
        return ""

    def unmeasured_note(self, run) -> str:
        """HTML shown when the run has no eval.json: which command measures it (or nothing)."""
        return ""

    def sections(self, run, data: dict) -> list[str]:
        """The modality's own sections of the report; `data` is what the report pipeline computed with
        the model (pipelines/<modality>/report_data.py)."""
        return []

    def leaderboard(self, runs: list) -> Leaderboard | None:
        return None

    def headline(self, run) -> str | None:
        """The run's one figure for `genforge runs`, from its measurements (None: nothing measured)."""
        return None


def import_modality_packages() -> None:
    """Every sub-package of genforge.reports is a modality whose handler.py registers its handler."""
    import_subpackages(__package__, "handler")


REPORTS: Registry[ModalityReport] = Registry("modality with reports", populate=import_modality_packages)


def register_report(handler: ModalityReport) -> ModalityReport:
    return REPORTS.register(handler.name)(handler)
