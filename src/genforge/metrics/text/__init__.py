"""Text metrics: exact NLL per token and per character, a sentence VAE's bound, BLEU/Self-BLEU and distinct-n, translation scores (sacrebleu)."""
