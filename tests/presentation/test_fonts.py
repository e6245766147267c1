"""The bundled CJK font renders Chinese without missing glyphs."""

from __future__ import annotations

import warnings

import matplotlib

matplotlib.use("Agg")

from fai.presentation import fonts


def test_sc_face_is_used_even_after_seaborn_theme(tmp_path):
    import matplotlib.pyplot as plt
    import seaborn as sns
    from matplotlib import font_manager

    sns.set_theme()
    assert fonts.use_chinese_font() == "Noto Sans CJK SC"
    entry = font_manager.findfont(font_manager.FontProperties(family=["sans-serif"]))
    assert str(entry).endswith("NotoSansCJK-Regular.ttc")
    assert getattr(entry, "face_index", None) == 2  # the SC face, not the Japanese default
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig, ax = plt.subplots()
        ax.set_title("全国固定资产投资同比增长3.3%，民间投资下降0.4%")
        fig.savefig(tmp_path / "t.png")
        plt.close(fig)
    assert not [w for w in caught if "Glyph" in str(w.message)]


def test_fontconfig_file_points_at_the_packaged_font(tmp_path):
    conf = fonts.fontconfig_file(tmp_path)
    assert str(fonts.font_path().parent) in conf.read_text(encoding="utf-8")
