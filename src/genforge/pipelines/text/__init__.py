"""The text pipelines: sampling texts, evaluation (BLEU, Self-BLEU, LM scores), generation from a source, report data."""
