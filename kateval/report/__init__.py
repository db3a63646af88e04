"""Reports written from a run folder."""
