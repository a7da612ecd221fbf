"""Images, plots and pages that show a run's results."""
