"""pix2pix and its L1-only U-Net (Isola et al. 2017): image-to-image models of a paired task."""
