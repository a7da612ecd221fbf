"""Music data: notes on a grid of steps (notes.py), MusicVAE's melody events (events.py), piano rolls
(pianoroll.py), MIDI files read and written with pretty_midi (midi_files.py), music21's corpus
(music21_corpus.py), the shipped JSB chorales (jsb.py), and the datasets the loop trains on
(datasets.py). Sources are declared in sources.py, their options in config.py, flags in flags.py."""
