"""Text models at equal CPU time, one after the other on this machine: benchmarks/text_table.py.

The tiny-shakespeare rows of issue 17's table, character level, each trained for --minutes of wall
time (default 10) with seed 0:

- genforge's Transformer (`--model lm`, nanoGPT's CPU configuration),
- genforge's LSTM (`--model lstm-lm`, 2 x 256),
- a reference written the way the classic tutorials write it (the PyTorch character-RNN tutorial's
  loop): an `nn.LSTM` over an embedding, a DataLoader of fixed non-overlapping windows, Adam, no
  clipping, no schedule; the same 2 x 256 size as genforge's LSTM.

Every row is scored the same way: the exact NLL of the whole valid split (111,540 characters, in
consecutive windows of the training context, metrics/text_likelihood.py), in nats and bits per
character, with tokens/s of training. Prints the CPU and a Markdown table.

    .venv/bin/python benchmarks/text_table.py [--minutes 10] [--rows lm lstm-lm tutorial] [--set lm:train.lr_decay=linear]
"""

from __future__ import annotations

import argparse
import time

import torch
import yaml
from torch import nn
from torch.utils.data import DataLoader, Dataset

import genforge
from genforge.config import build_run_config
from genforge.data import data_config, load_dataset
from genforge.metrics.text_likelihood import text_likelihood_report
from genforge.pipelines import train
from genforge.training.run_folder import RunFolder

from char_lm import cpu_name  # benchmarks/char_lm.py (scripts in one folder)

CONTEXT = 64


def genforge_row(model: str, minutes: float, overrides: dict, out: str) -> dict:
    values = {"model": {"name": model}, "data": {"name": "tinyshakespeare", "sequence_length": CONTEXT},
              "train": {"minutes": minutes, "steps": None, "seed": 0, "checkpoint_every": 10**9, "log_every": 50}}
    for key, value in overrides.items():
        section, name = key.split(".")
        values[section][name] = value
    result = train(build_run_config(values), f"{out}/{model}", overwrite=True)
    records = RunFolder(result.run.root).read_metrics()
    speeds = [r["tokens_per_second"] for r in records if "tokens_per_second" in r][1:]
    lm = genforge.load(result.run.root)
    valid = load_dataset(data_config(name="tinyshakespeare", split="valid", sequence_length=CONTEXT))
    figures = text_likelihood_report(lm, valid)
    return {"row": f"genforge `{model}`" + (f" ({', '.join(f'{k}={v}' for k, v in overrides.items())})" if overrides else ""),
            "steps": result.step, "tokens_per_second": sum(speeds) / max(len(speeds), 1), **figures}


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--rows", nargs="+", default=["lm", "lstm-lm", "tutorial"])
    parser.add_argument("--set", nargs="*", default=[], metavar="MODEL:SECTION.KEY=VALUE")
    parser.add_argument("--out", default="runs/bench-text")
    args = parser.parse_args()
    overrides: dict[str, dict] = {}
    for item in args.set:
        model, assignment = item.split(":", 1)
        key, value = assignment.split("=", 1)
        overrides.setdefault(model, {})[key] = yaml.safe_load(value)
    rows = [tutorial_row(args.minutes) if name == "tutorial" else genforge_row(name, args.minutes, overrides.get(name, {}), args.out)
            for name in args.rows]
    print(f"CPU: {cpu_name()}; torch threads: {torch.get_num_threads()}; {args.minutes:g} min per row; context {CONTEXT}")
    print("| row | steps | tokens/s | valid NLL (nats/char) | bits/char |")
    print("|---|---:|---:|---:|---:|")
    for row in rows:
        print(f"| {row['row']} | {row['steps']:,} | {row['tokens_per_second']:,.0f} | {row['nll_nats_per_character']:.4f} "
              f"| {row['bits_per_character']:.4f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
