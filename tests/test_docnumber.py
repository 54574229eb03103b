"""Document numbers, table-driven on forms met in gazettes (the seed issue's own first)."""
import pytest

from gazette.docnumber import find_numbers, number_line, parse_number

VALID = [
    # (text as printed, canonical, 代字, year, number)
    ("沙府发〔2020〕39 号", "沙府发〔2020〕39号", "沙府发", 2020, 39),
    ("沙府办发〔2020〕127 号", "沙府办发〔2020〕127号", "沙府办发", 2020, 127),
    ("渝规资规范〔2020〕8 号", "渝规资规范〔2020〕8号", "渝规资规范", 2020, 8),
    ("渝规资〔2019〕413 号", "渝规资〔2019〕413号", "渝规资", 2019, 413),
    ("国办发[2019]15号", "国办发〔2019〕15号", "国办发", 2019, 15),
    ("渝府办发（2020）58号", "渝府办发〔2020〕58号", "渝府办发", 2020, 58),
    ("环生态函【2020】68号", "环生态函〔2020〕68号", "环生态函", 2020, 68),
    ("渝环函［２０２０］５３１号", "渝环函〔2020〕531号", "渝环函", 2020, 531),
    ("沙府发 〔 2019 〕 18 号", "沙府发〔2019〕18号", "沙府发", 2019, 18),
    ("国务院令第639号", "国务院令第639号", "国务院令", None, 639),
    ("重庆市人民政府令第 204 号", "重庆市人民政府令第204号", "重庆市人民政府令", None, 204),
    # a province's department whose 代字 ends with a ministry's: the province's own, not the ministry's
    ("川财预〔2020〕5号", "川财预〔2020〕5号", "川财预", 2020, 5),
    ("渝国资发〔2019〕3号", "渝国资发〔2019〕3号", "渝国资发", 2019, 3),
    ("财预〔2020〕5号", "财预〔2020〕5号", "财预", 2020, 5),
    # the state's name heads the State Council's order number (the corpus's 生猪屠宰管理条例)
    ("中华人民共和国国务院令第238号", "国务院令第238号", "国务院令", None, 238),
    # the year printed with 年 inside the brackets
    ("沪府发〔2020年〕5号", "沪府发〔2020〕5号", "沪府发", 2020, 5),
    ("沪府办发（2019年）第12号", "沪府办发〔2019〕12号", "沪府办发", 2019, 12),
]


@pytest.mark.parametrize("text,canonical,code,year,number", VALID)
def test_valid_numbers(text, canonical, code, year, number, registry):
    n = parse_number(text, registry)
    assert n is not None, text
    assert (n.canonical, n.code, n.year, n.number) == (canonical, code, year, number)


IN_TEXT = [
    ("原通告（沙府发〔2019〕18号）同时废止。", "沙府发〔2019〕18号"),
    ("《铁路安全管理条例》（国务院令第639号）第四章", "国务院令第639号"),
    ("《关于进一步规范设施农业用地管理的通知》（渝规资规范〔2020〕8 号），", "渝规资规范〔2020〕8号"),
    # the 代字 is the longest registry entry the text ends with, not the words before it
    ("研究出台了渝规资规范〔2020〕8 号文件", "渝规资规范〔2020〕8号"),
    # an unknown 代字 is kept: the words before it are trimmed
    ("按照新府发［2021］7号要求", "新府发〔2021〕7号"),
]


@pytest.mark.parametrize("text,canonical", IN_TEXT)
def test_numbers_in_running_text(text, canonical, registry):
    found = [n.number.canonical for n in find_numbers(text, registry) if n.number]
    assert found == [canonical]


NOT_NUMBERS = [
    "编号： 区（县、自治县） 乡（镇）〔20 〕第 号 单位：公顷",   # blank form template in the gazette
    "监督举报电话：（023）65213353",
    "2020 年 11月 25 日",
    "- 11 -",
    "中欧班列（成渝）",
    "（2016-2020 年）",
]


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_not_numbers(text, registry):
    assert [n for n in find_numbers(text, registry) if n.number] == []


MALFORMED = [
    ("沙府发〔202〕39号", "not four digits"),
    ("沙府发2020 39号", "without brackets"),
]


@pytest.mark.parametrize("text,problem", MALFORMED)
def test_malformed_number_lines_are_reported(text, problem, registry):
    m = number_line(text, registry)
    assert m is not None and m.number is None and problem in m.problem


def test_longest_prefix_wins(registry):
    assert registry.match_code("渝规资规范").code == "渝规资规范"
    assert registry.match_code("渝规资").code == "渝规资"
