"""Regenerate the bad-input corpus of tests/test_ingest.py (one small file per fault).

Each file is a near-copy of a good layout with one fault; the expected error
class and the row it must name are listed in tests/test_ingest.py (BAD).
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent

HEAD = "数据库：分省月度数据,,\n地区：北京市,,\n时间：最近3个月,,\n指标,2019年12月,2019年11月\n"
GOOD_ROWS = "房地产投资累计值(亿元),3838.38,3489.97\n房地产投资累计增长(%),-0.9,2.4\n"
FOOT = "数据来源：国家统计局,,\n"
NBS = HEAD + GOOD_ROWS + FOOT

TIDY_HEAD = "region_code,region_name,period,indicator,value_100m_yuan,yoy_pct,mom_sa_pct,source,source_url\n"
TIDY_ROW = "110000,北京市,2019-12,fai_real_estate,3838.38,-0.9,,,\n"

BUREAU = "2016年1-8月余杭区固定资产投资\n单位：亿元,,\n指标名称,1-8月累计,同比增长(%)\n"


def text(name: str, content: str, encoding: str = "utf-8") -> None:
    (HERE / name).write_bytes(content.encode(encoding))


def xlsx(name: str, rows: list[list[object]]) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(HERE / name)


def main() -> None:
    # --- the container and the encoding
    text("empty.csv", "")
    text("blank_lines.csv", "\n\n   \n")
    (HERE / "binary.bin").write_bytes(bytes(range(256)) * 4)
    (HERE / "png_renamed.csv").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (HERE / "undecodable.csv").write_bytes(
        "数据库：月度数据\n指标,2024年12月\n".encode() + b"\x80\xff\x80 bad,1\n"
    )
    (HERE / "truncated_utf8.csv").write_bytes(NBS.encode()[:-4])  # cut inside the last 局
    text("mojibake_double_encoded.csv", NBS.encode("utf-8").decode("gbk", errors="replace"))
    # --- the layout
    text("header_only.csv", HEAD + FOOT)
    text("no_layout.csv", "这是一份说明文字\n没有任何表格\n")
    text("ragged_row.csv", HEAD + "房地产投资累计值(亿元),3838.38,3489.97,1.0,2.0\n" + FOOT)
    text("figures_without_label.csv", HEAD + GOOD_ROWS + ",1.0,2.0\n" + FOOT)
    # --- indicators, units, numbers
    text("unknown_indicator.csv", HEAD + "汽车产量累计值(万辆),12,11\n" + FOOT)
    text("unknown_indicator_gbk.csv", HEAD + "汽车产量累计值(万辆),12,11\n" + FOOT, "gbk")
    text("unit_missing.csv", HEAD + "房地产投资累计值,3838.38,3489.97\n" + FOOT)
    text("unit_unknown.csv", HEAD + "房地产投资累计值(美元),3838.38,3489.97\n" + FOOT)
    text("text_in_number.csv", HEAD + "房地产投资累计值(亿元),增长,3489.97\n" + FOOT)
    text("negative_level.csv", HEAD + "房地产投资累计值(亿元),-5.2,3489.97\n" + FOOT)
    text(
        "duplicate_row_other_value.csv",
        HEAD + GOOD_ROWS + "房地产投资累计值(亿元),3900,3489.97\n" + FOOT,
    )
    text(
        "unknown_region.csv",
        "数据库：分省月度数据,,\n指标：房地产投资累计增长(%),,\n"
        "地区,2019年12月,2019年11月\n北京市,-0.9,2.4\n火星省,1.0,2.0\n",
    )
    # --- periods
    text("future_period.csv", HEAD.replace("2019年12月", "2099年12月") + GOOD_ROWS + FOOT)
    text("month_13.csv", HEAD.replace("2019年12月", "2019年13月") + GOOD_ROWS + FOOT)
    text("single_quarter.csv", HEAD.replace("2019年12月", "2019年第二季度") + GOOD_ROWS + FOOT)
    # --- tidy CSVs in the project's own schema
    rows = [TIDY_ROW.replace("2019-12", f"2019-{m:02d}") for m in range(2, 12)]  # lines 2–11
    text(
        "tidy_text_in_number.csv",
        TIDY_HEAD
        + "".join(rows)
        + "110000,北京市,2018-12,fai_real_estate,3873.35,4.9,,,\n"
        + "110000,北京市,2018-11,fai_real_estate,3409.47,5.9,,,\n"
        + "110000,北京市,2018-10,fai_real_estate,3002.94,增长,,,\n",
    )  # line 14
    text("tidy_month_13.csv", TIDY_HEAD + TIDY_ROW.replace("2019-12", "2019-13"))
    text("tidy_future_period.csv", TIDY_HEAD + TIDY_ROW + TIDY_ROW.replace("2019-12", "2099-12"))
    text("tidy_negative_level.csv", TIDY_HEAD + TIDY_ROW.replace("3838.38", "-3838.38"))
    text("tidy_growth_below_minus_100.csv", TIDY_HEAD + TIDY_ROW.replace("-0.9", "-120"))
    text(
        "tidy_duplicate_other_value.csv", TIDY_HEAD + TIDY_ROW + TIDY_ROW.replace("3838.38", "3900")
    )
    text("tidy_unknown_region.csv", TIDY_HEAD + TIDY_ROW.replace("110000", "999999"))
    text("tidy_unknown_indicator.csv", TIDY_HEAD + TIDY_ROW.replace("fai_real_estate", "fai_bogus"))
    text("tidy_header_only.csv", TIDY_HEAD)
    # --- bureau tables
    text("bureau_mixed_units.csv", BUREAU + "固定资产投资,629.44,8.4\n民间投资,3718600万元,0.9\n")
    text(
        "bureau_no_unit.csv",
        "2016年1-8月余杭区\n指标名称,1-8月累计,同比增长(%)\n固定资产投资,629.44,8.4\n",
    )
    xlsx(
        "bureau_unknown_label.xlsx",
        [
            ["2016年1-8月余杭区固定资产投资"],
            [None, None, "单位：亿元"],
            ["指标名称", "1-8月累计", "同比增长(%)"],
            ["固定资产投资", 629.44, 8.4],
            ["养殖业产值", 12.5, 3.0],
        ],
    )
    xlsx(
        "bureau_text_in_cell.xlsx",
        [
            ["2016年1-8月余杭区固定资产投资"],
            [None, None, "单位：亿元"],
            ["指标名称", "1-8月累计", "同比增长(%)"],
            ["固定资产投资", 629.44, 8.4],
            ["民间投资", "约三百多", 0.9],
        ],
    )
    xlsx(
        "bureau_duplicate_other_value.xlsx",
        [
            ["2016年1-8月余杭区固定资产投资"],
            [None, None, "单位：亿元"],
            ["指标名称", "1-8月累计", "同比增长(%)"],
            ["固定资产投资", 629.44, 8.4],
            ["民间投资", 371.86, 0.9],
            ["其中：民间投资", 380.0, 0.9],
        ],
    )


if __name__ == "__main__":
    main()
