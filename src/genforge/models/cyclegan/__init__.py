"""CycleGAN (Zhu et al. 2017): translation between two unpaired image domains."""
