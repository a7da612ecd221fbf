from genforge.training.presets import describe, first_sentence, preset_names


def test_each_preset_has_a_whole_first_sentence():
    assert describe("hinge-cond-fmnist") == ("Class-conditional DCGAN: conditional BatchNorm in G, projection D with "
                                             "spectral norm, hinge loss, TTUR (D 4e-4, G 1e-4; Heusel et al. 2017), "
                                             "EMA generator.")
    for name in preset_names():
        assert describe(name).endswith("."), name


def test_a_full_stop_inside_a_sentence_does_not_end_it():
    assert first_sentence("Adam 2e-4, betas 0.5/0.999, e.g. here. Next one.") == "Adam 2e-4, betas 0.5/0.999, e.g. here."
