"""MusicVAE (Roberts et al. 2018): a bidirectional LSTM encoder of melody events, and a flat LSTM
decoder (2 bars) or a hierarchical one (a conductor over bars feeding a bar decoder: 16 bars)."""
