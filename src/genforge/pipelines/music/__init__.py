"""Music pipelines: sampling (sampling.py) and evaluation (evaluation.py) of music runs."""
