"""Image data sources: Fashion-MNIST (idx files), CelebA, image folders and zips; the in-memory ImageSet, its uint8 cache and the image configs."""
