"""Losses and regularisers as small pure functions of logits, means and variances."""
