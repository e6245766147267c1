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


def test_a_page_cut_from_the_cached_base_font_has_the_same_glyphs_as_from_the_whole_font(monkeypatch):
    """The base font (GB 2312, kept in the cache folder) only speeds cutting: same characters, same
    outlines; a character outside it (镕, GBK only) is cut from the whole collection."""
    import io

    from fontTools.pens.recordingPen import RecordingPen
    from fontTools.ttLib import TTFont

    from fai.presentation import fonts

    def outlines(data: bytes) -> dict:
        font = TTFont(io.BytesIO(data))
        glyphs = font.getGlyphSet()
        out = {}
        for code, name in font.getBestCmap().items():
            pen = RecordingPen()
            glyphs[name].draw(pen)
            out[chr(code)] = pen.value
        return out

    text = "全国固定资产投资同比增长5.7%（1—6月）"
    assert fonts.base_font() is not None and "镕" not in fonts.base_font()[1]
    fast = fonts.subset_woff.__wrapped__(text)
    monkeypatch.setattr(fonts, "base_font", lambda: None)
    whole = fonts.subset_woff.__wrapped__(text)
    assert outlines(fast) == outlines(whole)
    rare = fonts.subset_woff.__wrapped__("朱镕基")
    assert "镕" in outlines(rare)


def test_the_base_font_holds_the_signs_of_figures():
    """A page showing −5.7 % (U+2212, as the reports write a minus) is cut from the cached base
    font, not from the whole 16 MB collection (five times slower)."""
    chars = fonts.base_characters()
    assert all(c in chars for c in "−–%‰·—…（）")
