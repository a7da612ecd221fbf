"""Text models at equal CPU time, one after the other on this machine: benchmarks/text_table.py.

Issue 17's three tables, every row trained for --minutes of wall time (default 10) with seed 0.

`--table shakespeare` (the default): tiny-shakespeare, character level:

- genforge's Transformer (`--model lm`, nanoGPT's CPU configuration),
- genforge's LSTM (`--model lstm-lm`, 2 x 256),
- a reference written the way the classic tutorials write it (the PyTorch character-RNN tutorial's
  loop): an `nn.LSTM` over an embedding, a DataLoader of fixed non-overlapping windows, Adam, no
  clipping, no schedule; the same 2 x 256 size as genforge's LSTM.

Every row is scored the same way: the exact NLL of the whole valid split (111,540 characters, in
consecutive windows of the training context, metrics/text_likelihood.py), in nats and bits per
character, with tokens/s of training. Prints the CPU and a Markdown table.

    .venv/bin/python benchmarks/text_table.py [--minutes 10] [--rows lm lstm-lm tutorial] [--set lm:train.lr_decay=linear]

`--table fortunes`: Debian's fortunes in byte-level BPE (2,000 ids), the language models, the sentence
VAE with each posterior-collapse remedy as a row, and the text GAN (rows in FORTUNE_ROWS). Each run is
scored by `genforge eval` (pipelines/text_evaluation.py) on the test split: NLL, BLEU-4 and Self-BLEU-4 of
200 samples at temperature 1 against 200 test fortunes, novelty, and the LM and reverse-LM scores (the reverse LM trained for
REVERSE_STEPS steps) with a
reference LM that is no row (a model would favour its own samples): the Transformer `lm` trained first
for the same minutes with seed 1 (or --reference-lm RUN). The rows marked in FORTUNE_ROWS also sweep
the temperature (0.5 to 1.5).
The sentence column compares each model per fortune on the same sequences (the first 200 test
fortunes cut to 63 tokens): the VAEs' importance-sampled bound (k = 100) beside the language models'
exact NLL of each fortune on its own (metrics/text_likelihood.example_likelihood_report).

`--table couplets`: the first line of each Tang or Song couplet -> its second, characters, `seq2seq`
with the validation loss measured every COUPLET_CHECKPOINT_EVERY steps: sacrebleu's BLEU and chrF of
greedy outputs against the test couplets, at the newest checkpoint and at `best` (the lowest validation
loss), beside copying the source.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import torch
import yaml
from torch import nn
from torch.utils.data import DataLoader, Dataset

import genforge
from genforge.training.run_config import build_run_config
from genforge.data import data_config, load_dataset
from genforge.metrics.text.likelihood import example_likelihood_report, text_likelihood_report
from genforge.pipelines import train
from genforge.pipelines.evaluation import EvalRequest, evaluate_run
from genforge.training.run_folder import RunFolder

from char_lm import cpu_name  # benchmarks/char_lm.py (scripts in one folder)

CONTEXT = 64


def trained(model: dict, data: dict, minutes: float, out: str, train_values: dict | None = None) -> dict:
    """A run trained for `minutes` of wall time with seed 0: its folder, steps and mean tokens/s."""
    values = {"model": model, "data": data,
              "train": {"minutes": minutes, "steps": None, "seed": 0, "checkpoint_every": 10**9, "log_every": 50,
                        **(train_values or {})}}
    result = train(build_run_config(values), out, overwrite=True)
    records = RunFolder(result.run.root).read_metrics()
    speeds = [r["tokens_per_second"] for r in records if "tokens_per_second" in r][1:]
    return {"root": result.run.root, "steps": result.step, "tokens_per_second": sum(speeds) / max(len(speeds), 1)}


def genforge_row(model: str, minutes: float, overrides: dict, out: str) -> dict:
    sections: dict = {"model": {"name": model}, "data": {"name": "tinyshakespeare", "sequence_length": CONTEXT}, "train": {}}
    for key, value in overrides.items():
        section, name = key.split(".")
        sections[section][name] = value
    run = trained(sections["model"], sections["data"], minutes, f"{out}/{model}", sections["train"])
    valid = load_dataset(data_config(name="tinyshakespeare", split="valid", sequence_length=CONTEXT))
    figures = text_likelihood_report(genforge.load(run["root"]), valid)
    return {"row": f"genforge `{model}`" + (f" ({', '.join(f'{k}={v}' for k, v in overrides.items())})" if overrides else ""),
            **run, **figures}


class Windows(Dataset):
    """The tutorial's data: the training text cut into fixed, non-overlapping windows of CONTEXT + 1."""

    def __init__(self, ids: torch.Tensor):
        self.ids = ids[: (len(ids) - 1) // CONTEXT * CONTEXT + 1]

    def __len__(self) -> int:
        return (len(self.ids) - 1) // CONTEXT

    def __getitem__(self, index: int) -> torch.Tensor:
        return self.ids[index * CONTEXT: index * CONTEXT + CONTEXT + 1]


class CharRNN(nn.Module):
    def __init__(self, vocab_size: int, hidden: int = 256, layers: int = 2):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, hidden)
        self.lstm = nn.LSTM(hidden, hidden, num_layers=layers, batch_first=True)
        self.out = nn.Linear(hidden, vocab_size)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        return self.out(self.lstm(self.embedding(ids))[0])


class Scored(nn.Module):
    """The reference seen through genforge's likelihood report (it asks for nats_per_token)."""

    def __init__(self, network: CharRNN):
        super().__init__()
        self.network = network

    @property
    def device(self) -> torch.device:
        return torch.device("cpu")

    def nats_per_token(self, batch) -> torch.Tensor:
        logits = self.network(batch.x[:, :-1])
        return nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), batch.x[:, 1:].reshape(-1))


def tutorial_row(minutes: float) -> dict:
    torch.manual_seed(0)
    data = load_dataset(data_config(name="tinyshakespeare", sequence_length=CONTEXT))
    network = CharRNN(data.tokenizer.vocab_size)
    optimizer = torch.optim.Adam(network.parameters(), lr=2e-3)
    loader = DataLoader(Windows(data.ids), batch_size=64, shuffle=True, drop_last=True)
    started, steps, tokens = time.perf_counter(), 0, 0
    while time.perf_counter() - started < minutes * 60:
        for batch in loader:
            logits = network(batch[:, :-1])
            loss = nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), batch[:, 1:].reshape(-1))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            steps, tokens = steps + 1, tokens + batch[:, 1:].numel()
            if time.perf_counter() - started >= minutes * 60:
                break
    seconds = time.perf_counter() - started
    valid = load_dataset(data_config(name="tinyshakespeare", split="valid", sequence_length=CONTEXT))
    network.eval()
    figures = text_likelihood_report(Scored(network), valid)
    return {"row": "tutorial loop (nn.LSTM 2 x 256, DataLoader, Adam 2e-3)", "steps": steps,
            "tokens_per_second": tokens / seconds, **figures}


SENTENCE_TOKENS = 63  # a fortune's tokens in the sequence models (+ <bos>, <eos>: within the LMs' context of 64)
SCORED_FORTUNES = 200  # test fortunes: BLEU's references, and the sentences each model's NLL is measured on
# The sentence VAEs' bound with k = 100, not eval's 500: k = 500 on 500 fortunes was still running after
# 7 minutes for one row on 2 cores. k = 100 gives a looser (higher) bound than 500 would: a VAE within
# 1 nat of the LM here would be within it at k = 500 too.
IMPORTANCE_SAMPLES = 100
REVERSE_STEPS = 150  # the reverse LM's training on 200 samples (about 8,000 tokens): 75 passes over them already
# row -> (model section, whether `genforge eval` sweeps the temperature). The schedules are sized for about
# 230 sentence-VAE steps (5 minutes on 2 cores at about 1.3 s a step, alone: 227 steps, measured 2026-12-02):
# Bowman et al.'s logistic KL annealing done by step 150 in every VAE row, each row adding one remedy for
# posterior collapse; the text GAN's MLE pre-training 250 steps, then adversarial steps with beta raised
# over 300. An aggressive step costs up to 1 + aggressive_inner_steps plain ones (each inner update runs
# the decoder too, to reach z): 20 aggressive steps of at most 5 inner updates take at most 120 plain
# steps' time, half the budget (He et al. run it until the MI stops rising, an epoch or more).
VAE = {"name": "sentence-vae", "kl_schedule_steps": 150}
FORTUNE_ROWS = {
    "lm": ({"name": "lm"}, True),
    "lstm-lm": ({"name": "lstm-lm"}, False),
    "vae": (VAE, False),
    "vae-word-dropout": ({**VAE, "word_dropout": 0.25}, False),  # Bowman et al. 2016
    "vae-free-bits": ({**VAE, "free_bits": 0.1}, False),  # Kingma et al. 2016: 0.1 nats per dimension
    "vae-cyclical": ({**VAE, "kl_schedule": "cyclical", "kl_schedule_steps": 100}, False),  # Fu et al. 2019
    "vae-pretrain": ({**VAE, "pretrain_autoencoder_steps": 100}, False),  # Li et al. 2019, decoder reset
    "vae-aggressive": ({**VAE, "aggressive_steps": 20, "aggressive_inner_steps": 5}, False),  # He et al. 2019
    "text-gan": ({"name": "text-gan", "pretrain_steps": 250, "temperature_steps": 300}, True),
}


def fortune_row(name: str, minutes: float, out: str, reference_lm: str, overrides: dict,
                reverse_steps: int = REVERSE_STEPS) -> dict:
    model, curve = FORTUNE_ROWS[name]
    model = {**model, **overrides.get(name, {})}
    layout_length = CONTEXT if model["name"] in ("lm", "lstm-lm") else SENTENCE_TOKENS
    run = trained(model, {"name": "fortunes", "sequence_length": layout_length}, minutes, f"{out}/fortunes-{name}")
    request = EvalRequest(count=200, real_count=SCORED_FORTUNES, seed=0, curve=curve, reference_lm=reference_lm,
                          reverse_steps=reverse_steps, importance_samples=IMPORTANCE_SAMPLES)
    result, _ = evaluate_run(run["root"], request)
    record = result.record
    likelihood = record["likelihood"]
    if "nll_nats_per_sentence" not in likelihood:  # a language model: each test fortune on its own
        sentences = load_dataset(data_config(name="fortunes", split="test", layout="sequences",
                                             sequence_length=SENTENCE_TOKENS))
        likelihood = {**likelihood, **{f"sentence {key}": value for key, value in example_likelihood_report(
            genforge.load(run["root"]), sentences, SCORED_FORTUNES).items()}}
        likelihood["nll_nats_per_sentence"] = likelihood["sentence nll_nats_per_sentence"]
    print(f"{name}: {run['steps']} steps, eval {record['seconds']:.0f} s", flush=True)
    return {"row": name, **run, "metrics": record["metrics"], "likelihood": likelihood, "curve": record.get("curve")}


COUPLET_CHECKPOINT_EVERY = 50  # steps between validation losses (each kept as checkpoints/best when lowest)


def couplet_rows(minutes: float, out: str) -> list[dict]:
    """seq2seq scored twice: at its newest checkpoint and at its lowest validation loss (984 training
    pairs: the model overfits within minutes)."""
    run = trained({"name": "seq2seq"}, {"name": "couplets", "sequence_length": 32}, minutes, f"{out}/couplets",
                  {"checkpoint_every": COUPLET_CHECKPOINT_EVERY})
    rows = []
    kept_best = Path(run["root"], "checkpoints", "best").is_dir()  # not in a run shorter than one interval
    for checkpoint in (None, "best") if kept_best else (None,):
        result, _ = evaluate_run(run["root"], EvalRequest(checkpoint=checkpoint),
                                 out=Path(run["root"], f"eval-{checkpoint or 'newest'}.json"))
        record = result.record
        rows.append({**run, "row": f"seq2seq, {'lowest validation loss' if checkpoint else 'newest'} (step {record['step']:,})",
                     "metrics": record["metrics"], "outputs": record["outputs"][:5]})
    return rows


def figure(value, digits: int = 3) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


def print_fortunes(rows: list[dict]) -> None:
    print("| row | steps | tokens/s | test NLL (nats/token) | bits/char | NLL per fortune (nats) | KL | active units "
          "| MI | BLEU-4 | Self-BLEU-4 | novelty | LM score | reverse-LM score |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        m, f = row["metrics"], row["likelihood"]
        print(f"| {row['row']} | {row['steps']:,} | {row['tokens_per_second']:,.0f} | {figure(m['NLL (nats/token)'])} "
              f"| {figure(m['bits/char'])} | {figure(f['nll_nats_per_sentence'], 1)} | {figure(f.get('kl_nats_per_sentence'), 2)} "
              f"| {f.get('active_units', '-')} | {figure(f.get('mutual_information_nats'), 2)} | {figure(m['BLEU-4'])} "
              f"| {figure(m['Self-BLEU-4'])} | {figure(m['novelty'], 2)} | {figure(m['LM score (nats/char)'])} "
              f"| {figure(m['reverse-LM score (nats/char)'])} |")
    print("\n| row | temperature | BLEU-4 | Self-BLEU-4 | LM score | reverse-LM score |\n|---|---:|---:|---:|---:|---:|")
    for row in rows:
        for point in row["curve"] or []:
            print(f"| {row['row']} | {point['temperature']:g} | {figure(point['BLEU-4'])} | {figure(point['Self-BLEU-4'])} "
                  f"| {figure(point['LM score'])} | {figure(point['reverse-LM score'])} |")


def print_couplets(rows: list[dict]) -> None:
    print("| row | steps | tokens/s | test NLL (nats/token) | BLEU | chrF | copy-source BLEU | copy-source chrF |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        m = row["metrics"]
        print(f"| {row['row']} | {row['steps']:,} | {row['tokens_per_second']:,.0f} | {figure(m['NLL (nats/token)'])} "
              f"| {figure(m['BLEU'], 2)} | {figure(m['chrF'], 2)} | {figure(m['copy-source BLEU'], 2)} "
              f"| {figure(m['copy-source chrF'], 2)} |")
    for row in rows:
        print(f"{row['row']}:")
        for output in row["outputs"]:
            print(f"    {output['source']} -> {output['output']}   (reference: {output['target']})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--table", choices=["shakespeare", "fortunes", "couplets"], default="shakespeare")
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--rows", nargs="+", help="shakespeare: lm lstm-lm tutorial (default); fortunes: "
                                                  f"{' '.join(FORTUNE_ROWS)} (default)")
    parser.add_argument("--set", nargs="*", default=[], metavar="ROW:SECTION.KEY=VALUE",
                        help="shakespeare: any section; fortunes: model keys, e.g. vae:model.word_dropout=0.5")
    parser.add_argument("--reference-lm", help="fortunes: an lm run to score with, instead of training the lm row first")
    parser.add_argument("--reverse-steps", type=int, default=REVERSE_STEPS, help="fortunes: the reverse LM's steps")
    parser.add_argument("--out", default="runs/bench-text")
    args = parser.parse_args()
    overrides: dict[str, dict] = {}
    for item in args.set:
        model, assignment = item.split(":", 1)
        key, value = assignment.split("=", 1)
        overrides.setdefault(model, {})[key] = yaml.safe_load(value)
    print(f"CPU: {cpu_name()}; torch threads: {torch.get_num_threads()}; {args.minutes:g} min per row", flush=True)
    if args.table == "fortunes":
        names = args.rows or list(FORTUNE_ROWS)
        reference = args.reference_lm
        if reference is None:  # not a row: a model scoring its own samples would favour itself
            reference = str(trained({"name": "lm"}, {"name": "fortunes", "sequence_length": CONTEXT}, args.minutes,
                                    f"{args.out}/fortunes-reference-lm", {"seed": 1})["root"])
            print(f"reference LM: {reference}", flush=True)
        rows = []
        for name in names:
            model_overrides = {row: {key.split(".", 1)[1]: value for key, value in keys.items()}
                               for row, keys in overrides.items()}
            rows.append(fortune_row(name, args.minutes, args.out, reference, model_overrides, args.reverse_steps))
            Path(args.out, "fortunes-table.json").write_text(json.dumps(rows, default=str, indent=1))
        print_fortunes(rows)
        return 0
    if args.table == "couplets":
        print_couplets(couplet_rows(args.minutes, args.out))
        return 0
    rows = [tutorial_row(args.minutes) if name == "tutorial" else genforge_row(name, args.minutes, overrides.get(name, {}), args.out)
            for name in args.rows or ["lm", "lstm-lm", "tutorial"]]
    print(f"context {CONTEXT}")
    print("| row | steps | tokens/s | valid NLL (nats/char) | bits/char |")
    print("|---|---:|---:|---:|---:|")
    for row in rows:
        print(f"| {row['row']} | {row['steps']:,} | {row['tokens_per_second']:,.0f} | {row['nll_nats_per_character']:.4f} "
              f"| {row['bits_per_character']:.4f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
