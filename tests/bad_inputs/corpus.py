"""What each file of the bad-input corpus must give: an error of one class naming a row or cell
(BAD_INPUTS), or — where the fault's meaning is plain — a figure (READ_AS). Used by
tests/readers/test_readers.py and tests/cli/test_build.py; the files are made by
make_bad_inputs.py."""

from __future__ import annotations

from fai.errors import (
    DuplicateFigureError,
    EncodingError,
    FaiError,
    InputFormatError,
    NumberError,
    PeriodError,
    SchemaValidationError,
    UnitError,
    UnknownIndicatorError,
    UnknownRegionError,
)

# file → (exact error class, the row or cell the message must name)
BAD_INPUTS: dict[str, tuple[type[FaiError], str]] = {
    "empty.csv": (InputFormatError, "line 1"),
    "blank_lines.csv": (InputFormatError, "line 1"),
    "binary.bin": (InputFormatError, "line 1"),
    "png_renamed.csv": (InputFormatError, "line 1"),
    "undecodable.csv": (EncodingError, "line 3"),
    "truncated_utf8.csv": (EncodingError, "line 7"),
    "mojibake_double_encoded.csv": (EncodingError, "line 1"),
    "header_only.csv": (InputFormatError, "line 4"),
    "no_layout.csv": (InputFormatError, "line 1"),
    "ragged_row.csv": (InputFormatError, "line 5"),
    "figures_without_label.csv": (InputFormatError, "line 7"),
    "unknown_indicator.csv": (UnknownIndicatorError, "line 5"),
    "unknown_indicator_gbk.csv": (UnknownIndicatorError, "line 5"),
    "unit_missing.csv": (UnitError, "line 5"),
    "unit_unknown.csv": (UnitError, "line 5"),
    "text_in_number.csv": (NumberError, "line 5 (2019年12月)"),
    "negative_level.csv": (SchemaValidationError, "line 5 (2019年12月)"),
    "duplicate_row_other_value.csv": (DuplicateFigureError, "line 7"),
    "unknown_region.csv": (UnknownRegionError, "line 5"),
    "future_period.csv": (PeriodError, "line 4"),
    "month_13.csv": (PeriodError, "line 4"),
    "single_quarter.csv": (PeriodError, "line 4"),
    "tidy_text_in_number.csv": (NumberError, "line 14"),
    "tidy_month_13.csv": (PeriodError, "line 2"),
    "tidy_future_period.csv": (PeriodError, "line 3"),
    "tidy_negative_level.csv": (SchemaValidationError, "line 2"),
    "tidy_growth_below_minus_100.csv": (SchemaValidationError, "line 2"),
    "tidy_duplicate_other_value.csv": (DuplicateFigureError, "line 3"),
    "tidy_unknown_region.csv": (UnknownRegionError, "line 2"),
    "tidy_unknown_indicator.csv": (UnknownIndicatorError, "line 2"),
    "tidy_header_only.csv": (InputFormatError, "line 2"),
    "bureau_mixed_units.csv": (UnitError, "line 5"),
    "bureau_no_unit.csv": (UnitError, "line 3"),
    "bureau_unknown_label.xlsx": (UnknownIndicatorError, "A5"),
    "bureau_text_in_cell.xlsx": (NumberError, "B5"),
    "bureau_duplicate_other_value.xlsx": (DuplicateFigureError, "A6"),
    # issue 11: workbooks
    "sheets_two_visible_active_hidden.xlsx": (InputFormatError, "'表1', '表2'"),
    "formula_without_value.xlsx": (InputFormatError, "B4"),
    "xlsx_cell_bomb.xlsx": (InputFormatError, "1,048,576 rows × 16,384 columns"),
    "xlsx_merge_bomb.xlsx": (InputFormatError, "1,048,576 rows × 16,384 columns"),
    # issue 11: growth words, absurd numbers and years
    "bureau_double_negative.csv": (NumberError, "line 4 (同比增长(%))"),
    "nbs_inf.csv": (NumberError, "line 5 (2019年12月)"),
    "nbs_nan_spelled.csv": (NumberError, "line 5 (2019年12月)"),
    "nbs_1e300.csv": (SchemaValidationError, "line 6 (2019年12月)"),
    "nbs_1e20_yi.csv": (SchemaValidationError, "line 5 (2019年12月)"),
    "nbs_year_1900.csv": (PeriodError, "line 4"),
    "bureau_1e20.csv": (SchemaValidationError, "line 4 (1-8月累计)"),
    "tidy_inf.csv": (NumberError, "line 2"),
    "tidy_nan_spelled.csv": (NumberError, "line 2"),
    "tidy_1e300.csv": (SchemaValidationError, "line 2"),
    "tidy_year_1900.csv": (PeriodError, "line 2"),
    "local_rank_20_digits.csv": (NumberError, "line 2"),
    # issue 11: hostile text, encodings over the whole file
    "tidy_name_contradicts_code.csv": (UnknownRegionError, "line 2"),
    "tidy_markup_name.csv": (InputFormatError, "line 2"),
    "tidy_path_name.csv": (InputFormatError, "line 2"),
    "tidy_markup_source.csv": (InputFormatError, "line 2"),
    "late_gbk_line.csv": (EncodingError, "line 65"),
}

# faults whose meaning is plain: read, and the figure they must give
# file → (region_code, period, indicator, value_100m_yuan, yoy_pct)
READ_AS: dict[str, tuple[str, str, str, float, float]] = {
    # the visible sheet (514374 万元 = 51.4374 亿元), never the hidden one (999999)
    "sheet_hidden_first.xlsx": ("330110", "2016-08", "fai_total", 51.4374, 8.4),
    "sheet_hidden_active.xlsx": ("330110", "2016-08", "fai_total", 51.4374, 8.4),
    "sheets_two_visible_second_active.xlsx": ("330110", "2016-08", "fai_total", 51.4374, 8.4),
    "bureau_growth_minus.csv": ("330110", "2016-08", "fai_total", 629.44, -5.0),  # 增长-5%
    "nbs_big5.csv": ("110000", "2019-12", "fai_real_estate", 3838.38, -0.9),
}
