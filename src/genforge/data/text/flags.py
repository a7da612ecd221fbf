"""The text sources' flags (data/flags.py)."""

from ..flags import DataFlag, DataFlagGroup, register_flags

register_flags(DataFlagGroup("text", "corpora, your text files and (source, target) pairs", (
    DataFlag("--text", "dir", {"metavar": "FILE|FOLDER",
                               "help": "your own UTF-8 text (same as --dataset text --data-dir PATH): one example per "
                                       "line, or see --separator"}, source="text"),
    DataFlag("--pairs", "dir", {"metavar": "FILE",
                                "help": "(source, target) pairs for seq2seq, a .jsonl of {\"source\": ..., \"target\": "
                                        "...} or a .tsv (same as --dataset pairs --data-dir FILE)"}, source="pairs"),
    DataFlag("--separator", "separator", {"choices": ["line", "blank", "percent"],
                                          "help": "text: examples are lines (default), blank-line paragraphs, or "
                                                  "separated by %% lines"}),
    DataFlag("--skip-bad-lines", "skip_bad_lines", {"action": "store_const", "const": True,
                                                    "help": "text: leave out examples that are not UTF-8 (listed in "
                                                            "RUN/skipped-files.txt)"}),
    DataFlag("--sequence-length", "sequence_length", {"type": int, "metavar": "T",
                                                      "help": "text: tokens in each training sequence, the model's "
                                                              "context (default 64)"}),
    DataFlag("--tokenizer", "tokenizer", {"choices": ["characters", "bpe", "words"],
                                          "help": "text: characters (default; fortunes: bpe), byte-level BPE trained on "
                                                  "the train split, or words"}),
    DataFlag("--vocab-size", "vocab_size", {"type": int, "metavar": "V",
                                            "help": "text: BPE or word vocabulary size (default 2000)"}),
    DataFlag("--tokenizer-file", "tokenizer_file", {"metavar": "RUN/tokenizer.json",
                                                    "help": "text: encode with another run's tokeniser instead of "
                                                            "training one"}),
    DataFlag("--min-frequency", "min_frequency", {"type": int, "metavar": "N",
                                                  "help": "text, words: rarer words become <unk> (default 2)"}),
    DataFlag("--length", "length", {"type": int, "help": "tokens to generate after the prompt (characters, for a "
                                    "character model; default 400, at most 100,000); a model of separate examples "
                                    "also stops at an example's end"}, command="sample"),
    DataFlag("--temperature", "temperature", {"type": float,
                                              "help": "softmax temperature (default 0.8; lower is safer)"},
             command="sample"),
    DataFlag("--prompt", "prompt", {"help": "the text to continue (default: a new line)"}, command="sample"),
    DataFlag("--top-k", "top_k", {"type": int, "help": "draw only among the k likeliest tokens"}, command="sample"),
    DataFlag("--top-p", "top_p", {"type": float, "help": "draw only among the likeliest tokens whose probability "
                                  "reaches p (nucleus sampling), in (0, 1]"}, command="sample"),
    DataFlag("--temperature", "temperature", {"type": float, "default": 1.0,
                                              "help": "sampling temperature (default 1.0)"}, command="eval"),
    DataFlag("--curve", "curve", {"action": "store_true", "help": "also the quality-diversity curve, BLEU-4 against "
                                  "Self-BLEU-4 at temperatures 0.5 to 1.5"}, command="eval"),
    DataFlag("--reference-lm", "reference_lm", {"metavar": "LM_RUN", "help": "a language model run (lm, lstm-lm) of the "
                                                "same text: adds the LM score (samples' NLL under it) and the reverse-LM "
                                                "score (held-out NLL under an LM trained on the samples)"},
             command="eval"),
    DataFlag("--reverse-steps", "reverse_steps", {"type": int, "default": 300,
                                                  "help": "training steps of the reverse LM (default 300)"},
             command="eval"),
    DataFlag("--k", "k", {"type": int, "help": "a sentence VAE: importance samples of its NLL bound (default 500)"},
             command="eval"),
)))
