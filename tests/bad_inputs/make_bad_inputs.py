"""Regenerate the bad-input corpus of tests/readers/test_readers.py (one small file per fault).

Each file is a near-copy of a good layout with one fault; the expected error class and the
row or cell it must name are listed in tests/readers/test_readers.py (BAD_INPUTS); the few
faults fai reads correctly (store what the text means where it is unambiguous) are listed
with the figure they must give (READ_AS). Inputs that cannot live in a repository (a FIFO,
a link to /dev/zero, a 2 GB file) are made by the tests themselves.
"""

from __future__ import annotations

import re
from pathlib import Path

HERE = Path(__file__).resolve().parent

HEAD = "数据库：分省月度数据,,\n地区：北京市,,\n时间：最近3个月,,\n指标,2019年12月,2019年11月\n"
GOOD_ROWS = "房地产投资累计值(亿元),3838.38,3489.97\n房地产投资累计增长(%),-0.9,2.4\n"
FOOT = "数据来源：国家统计局,,\n"
NBS = HEAD + GOOD_ROWS + FOOT

TIDY_HEAD = "region_code,region_name,period,indicator,value_100m_yuan,yoy_pct,mom_sa_pct,source,source_url\n"
TIDY_ROW = "110000,北京市,2019-12,fai_real_estate,3838.38,-0.9,,,\n"

BUREAU = "2016年1-8月余杭区固定资产投资\n单位：亿元,,\n指标名称,1-8月累计,同比增长(%)\n"
LOCAL_HEAD = "region,parent,period,item,measure,value,unit,source\n"


def text(name: str, content: str, encoding: str = "utf-8") -> None:
    (HERE / name).write_bytes(content.encode(encoding))


def xlsx(name: str, rows: list[list[object]]) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(HERE / name)


def workbook(name: str, sheets: list[tuple[str, list[list[object]], str]], active: int) -> None:
    """A workbook of several sheets: (title, rows, state) with state visible/hidden; the
    active tab is written as given even when it is a hidden sheet (openpyxl would move it to
    the first visible one, as Excel does; a script writing the XML itself may not)."""
    import io
    import zipfile

    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows, state in sheets:
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
        ws.sheet_state = state
    buf = io.BytesIO()
    book.save(buf)
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(HERE / name, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/workbook.xml":
                data = re.sub(rb'activeTab="\d+"', f'activeTab="{active}"'.encode(), data)
            dst.writestr(info.filename, data)


def xlsx_part(name: str, sheet_xml: str) -> None:
    """An .xlsx whose only sheet is the given XML (to write what openpyxl would refuse)."""
    import zipfile

    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + sheet_xml + "</worksheet>",
    }
    with zipfile.ZipFile(HERE / name, "w", zipfile.ZIP_DEFLATED) as zf:
        for part, text in parts.items():
            zf.writestr(part, text)


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

    # --- issue 11: sheets
    visible = [["2016年1-8月余杭区固定资产投资"], [None, None, "单位：万元"],
               ["指标名称", "1-8月累计", "同比增长(%)"], ["固定资产投资", 514374, 8.4]]
    old = [["2016年1-8月余杭区固定资产投资"], [None, None, "单位：万元"],
           ["指标名称", "1-8月累计", "同比增长(%)"], ["固定资产投资", 999999, 9.9]]
    workbook("sheet_hidden_first.xlsx", [("旧表", old, "hidden"), ("表1", visible, "visible")], 1)
    workbook("sheet_hidden_active.xlsx", [("旧表", old, "hidden"), ("表1", visible, "visible")], 0)
    workbook("sheets_two_visible_active_hidden.xlsx",
             [("旧表", old, "hidden"), ("表1", visible, "visible"), ("表2", old, "visible")], 0)
    workbook("sheets_two_visible_second_active.xlsx",  # read 表1, the active one
             [("表2", old, "visible"), ("表1", visible, "visible")], 1)
    xlsx("formula_without_value.xlsx", [*visible[:3], ["固定资产投资", "=B5+B6", 8.4],
                                        ["其中：民间投资", 371860, 0.9], ["国有投资", 100000, 1.0]])
    xlsx_part("xlsx_cell_bomb.xlsx",  # one cell at the last row and column of a sheet
              '<sheetData><row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row></sheetData>')
    xlsx_part("xlsx_merge_bomb.xlsx",  # one merged range over the whole sheet
              '<sheetData><row r="1"><c r="A1" t="n"><v>1</v></c></row></sheetData>'
              '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>')
    # --- issue 11: growth words, absurd numbers, years
    text("bureau_double_negative.csv", BUREAU + "固定资产投资,629.44,下降-5%\n")
    text("bureau_growth_minus.csv", BUREAU + "固定资产投资,629.44,增长-5%\n")  # read as −5
    text("nbs_inf.csv", HEAD + "房地产投资累计值(亿元),inf,3489.97\n房地产投资累计增长(%),-0.9,2.4\n" + FOOT)
    text("nbs_nan_spelled.csv", HEAD + "房地产投资累计值(亿元),nan,3489.97\n房地产投资累计增长(%),-0.9,2.4\n" + FOOT)
    text("nbs_1e300.csv", HEAD + "房地产投资累计值(亿元),3838.38,3489.97\n房地产投资累计增长(%),1e300,2.4\n" + FOOT)
    text("nbs_1e20_yi.csv", HEAD + "房地产投资累计值(亿元),1e20,3489.97\n房地产投资累计增长(%),-0.9,2.4\n" + FOOT)
    text("nbs_year_1900.csv", HEAD.replace("2019年12月", "1900年12月") + GOOD_ROWS + FOOT)
    text("bureau_1e20.csv", BUREAU + "固定资产投资,1e20,8.4\n")
    text("tidy_inf.csv", TIDY_HEAD + TIDY_ROW.replace("-0.9", "inf"))
    text("tidy_nan_spelled.csv", TIDY_HEAD + TIDY_ROW.replace("-0.9", "NaN"))
    text("tidy_1e300.csv", TIDY_HEAD + TIDY_ROW.replace("3838.38", "1e300"))
    text("tidy_year_1900.csv", TIDY_HEAD + TIDY_ROW.replace("2019-12", "1900-12"))
    text("local_rank_20_digits.csv", LOCAL_HEAD
         + "余杭区,杭州市,2016-08,fai_total,rank_in_parent,12345678901234567890,rank,our test\n")
    # --- issue 11: hostile text in a tidy CSV
    text("tidy_name_contradicts_code.csv", TIDY_HEAD + TIDY_ROW.replace("北京市", "上海市"))
    text("tidy_markup_name.csv", TIDY_HEAD + TIDY_ROW.replace("北京市", "<script>北京市</script>"))
    text("tidy_path_name.csv", TIDY_HEAD + TIDY_ROW.replace("北京市", "../../北京市"))
    text("tidy_markup_source.csv",
         TIDY_HEAD + TIDY_ROW.replace(",,,", ",,<img src=x onerror=alert(1)>,"))
    # --- issue 11: encodings decided over the whole file
    lines = [f"房地产投资累计值(亿元),{3000 + i}.5,{2900 + i}.5" for i in range(60)]
    body = "\n".join(lines).encode("utf-8")
    (HERE / "late_gbk_line.csv").write_bytes(
        HEAD.encode() + body + b"\n" + "数据来源：国家统计局,,\n".encode("gbk"))
    text("nbs_big5.csv",  # a traditional-character export saved as Big5: read as 3838.38
         "數據庫：分省月度數據,,\n地區：北京市,,\n時間：最近3個月,,\n指標,2019年12月,2019年11月\n"
         "房地產投資累計值(億元),3838.38,3489.97\n房地產投資累計增長(%),-0.9,2.4\n"
         "數據來源：國家統計局,,\n", "big5")


if __name__ == "__main__":
    main()
