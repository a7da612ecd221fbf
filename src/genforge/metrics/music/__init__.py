"""Music metrics: the held-out NLL per event or per frame (likelihood.py)."""
