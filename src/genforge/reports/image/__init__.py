"""The image sections of a run's report."""
