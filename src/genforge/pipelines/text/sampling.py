"""`genforge sample` of a text run: texts printed, or written as .txt or .jsonl."""

from __future__ import annotations

import sys
from pathlib import Path

import torch

from ...modalities.text.writers import as_txt, write_texts


def sample_text(model, args, out: Path | None, fmt: str | None) -> int:
    if args.class_index is not None:
        model.capabilities.require("sample_by_class", "`genforge sample --class`", args.run_folder, model.config.name)
    if args.sampler != "prior":
        model.capabilities.require("encode", f"--sampler {args.sampler}", args.run_folder, model.config.name)
    seed = args.seed if args.seed is not None else int(torch.Generator().seed() >> 1)
    options = {"length": 400 if args.length is None else args.length,
               "temperature": 0.8 if args.temperature is None else args.temperature,
               "prompt": args.prompt or "", "top_k": args.top_k, "top_p": args.top_p}
    samples = model.sample(args.n or 3, seed=seed, **options)
    if samples.conditioning.get("prompt_cut"):
        print(f"note: the prompt is longer than the model's context of {model.config.context} tokens: its first "
              f"{samples.conditioning['prompt_cut']} tokens were left out", file=sys.stderr)
    if out is None:
        print(as_txt(samples), end="")
        return 0
    write_texts(samples, out, fmt)
    print(f"{len(samples)} samples written to {out}")
    return 0
