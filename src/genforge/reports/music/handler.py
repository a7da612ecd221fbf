"""The music modality's handler in the reports layer (reports/handlers.py)."""

from __future__ import annotations

from ..handlers import Leaderboard, ModalityReport, register_report
from ..html import escape, number, table
from ..records import LikelihoodKind, register_likelihood_kind
from ..run_summary import RunSummary
from .sections import music_evaluation, music_sections

HEADINGS = ["run", "model", "dataset", "representation", "NLL (nats per frame or event)", "steps",
            "training time (min)", "units/s"]
DIGITS = [4, 0, 1, 0]


def nll_of(run: RunSummary) -> tuple[float | None, str]:
    for name, value in ((run.evaluation or {}).get("metrics") or {}).items():
        if name.startswith("NLL"):
            return value, name[name.index("(") + 1:-1]
    return None, "–"


class MusicReport(ModalityReport):
    name = "music"

    def evaluation_section(self, run) -> str:
        return music_evaluation(run.evaluation)

    def unmeasured_note(self, run) -> str:
        return '<p class="muted">Not evaluated yet: <code>genforge eval RUN</code> writes its held-out NLL.</p>'

    def sections(self, run, data) -> list[str]:
        return music_sections(run, data)

    def leaderboard(self, runs) -> Leaderboard:
        def key(run):
            value, unit = nll_of(run)
            return (run.config.get("data", {}).get("name", ""), unit, value is None, value or 0.0, run.name)

        rows = []
        for run in sorted(runs, key=key):
            value, unit = nll_of(run)
            data = run.config.get("data", {})
            rows.append(([run.name, run.model, data.get("name", "?"), data.get("representation", "?")],
                         [value, run.step, run.seconds / 60, run.throughput]))
        return Leaderboard("Music runs", "Ranked by held-out NLL (lowest first) within each dataset, from "
                           "<code>genforge eval RUN</code>.", HEADINGS, DIGITS, rows, [])

    def headline(self, run) -> str | None:
        value, unit = nll_of(run)
        return None if value is None else f"{value:.3f} {unit} (eval)"


register_report(MusicReport())


def likelihood_section(like: dict, run) -> str:
    name = f"NLL{' bound' if like.get('bound') else ''} ({like['unit']})"
    return (table(["measure", "value"], [[name, number(like["nll"], 4)]])
            + f'<p class="muted">{escape(like["items"])} {escape(like["split"])} items, {escape(like["units"])} units: '
              f'{escape(like["counted"])}.</p>')


def likelihood_summary(like: dict) -> str:
    return (f"{like['items']} {like['split']} items, {like['units']} units ({like['counted']}): NLL"
            f"{' <=' if like.get('bound') else ''} {like['nll']:.4f} {like['unit']}")


register_likelihood_kind(LikelihoodKind("music-nll", likelihood_section, likelihood_summary))
