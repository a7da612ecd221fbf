"""Chinese text in a figure renders with a CJK font: no missing-glyph warnings (tang-poems' reports)."""

import warnings

import pytest

from genforge.reports import figures


def test_a_figure_with_chinese_text_renders_without_missing_glyphs():
    from matplotlib import font_manager

    if not any("WenQuanYi" in font.name for font in font_manager.fontManager.ttflist):
        pytest.fail("no CJK font: install Debian's fonts-wqy-microhei (make test does); if it is installed, "
                    "matplotlib's font cache predates it: remove ~/.cache/matplotlib")
    figure, axis = figures.plt.subplots()
    axis.set_title("床前明月光，疑是地上霜 (Li Bai)")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font(s)" is a UserWarning
        png = figures._png(figure)
    assert png.startswith(b"\x89PNG")
