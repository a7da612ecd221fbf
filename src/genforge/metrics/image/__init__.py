"""Image metrics: the feature networks (the shipped Fashion-MNIST CNN, Inception-v3) and the bridge to torch-fidelity (IS, FID, KID, precision/recall); a VAE's importance-sampled likelihood."""
