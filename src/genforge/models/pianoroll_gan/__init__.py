"""A convolutional GAN over bars of piano roll (in the manner of MidiNet, Yang et al. 2017, and
MuseGAN, Dong et al. 2018), on genforge's GAN losses and spectral normalisation."""
