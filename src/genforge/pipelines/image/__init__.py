"""The image pipelines: sampling to grids and arrays, FID-style evaluation, latent tools, nearest neighbours, report data."""
