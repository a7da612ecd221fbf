"""The music sources' flags (data/flags.py)."""

from ..flags import DataFlag, DataFlagGroup, register_flags

register_flags(DataFlagGroup("music", "the JSB and Bach chorales, Essen folk songs and your MIDI files", (
    DataFlag("--midi", "dir", {"metavar": "FOLDER|ZIP",
                               "help": "your own .mid/.midi (or MusicXML) files (same as --dataset midi --data-dir "
                                       "PATH); broken, empty or drum-only files are skipped and listed"},
             source="midi"),
    DataFlag("--representation", "representation", {"choices": ["melody", "pianoroll", "voices"],
                                                    "help": "music: MusicVAE's 90 melody events per 16th note, "
                                                            "88-key piano rolls (jsb-chorales: pianoroll), or the "
                                                            "four voices of bach-chorales (SATB)"}),
    DataFlag("--bars", "bars", {"type": int, "metavar": "N", "help": "music, melody: bars per training window "
                                "(MusicVAE: 2 or 16; default 2)"}),
    DataFlag("--resolution", "resolution", {"choices": ["quarter", "16th"],
                                            "help": "music, pianoroll and voices: a frame per quarter note (jsb-chorales' "
                                                    "default, as the published figures) or per 16th note"}),
    DataFlag("--transpose", "transpose", {"type": int, "metavar": "K", "help": "music: move each item by up to K "
                                          "semitones each way at every step (MusicVAE: 5; default 0)"},
             training_only=True),
    DataFlag("--max-pieces", "max_pieces", {"type": int, "metavar": "N",
                                            "help": "music: only the collection's first N pieces (before the split)"}),
    DataFlag("--instrument", "instrument", {"metavar": "PROGRAM|NAME", "help": "--midi: only the tracks of this "
                                            "General MIDI program (0-127) or whose name holds NAME"}),
    DataFlag("--track", "track", {"type": int, "metavar": "I", "help": "--midi: only track I of each file"}),
    DataFlag("--bars", "bars", {"type": int, "metavar": "N", "help": "music: bars per sample (a melody model: the "
                                "bars it was trained on; polyphonic: any)"}, command="sample"),
)))
