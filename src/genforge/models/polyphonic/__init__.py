"""Frame models of piano rolls: an LSTM whose output at each frame is a NADE over the keys (RNN-NADE,
Boulanger-Lewandowski et al. 2012) or independent Bernoulli keys (the LSTM of Bai et al. 2018)."""
