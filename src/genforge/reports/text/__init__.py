"""The text sections of a run's report."""
