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
)))
