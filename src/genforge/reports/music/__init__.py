"""Music in reports: piano rolls with audio players beside them, and the NLL table (sections.py)."""
