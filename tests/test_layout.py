from gazette.dates import parse_date
from gazette.layout import classify, collapse_letter_spacing


def test_letter_spacing_collapses_runs_of_single_characters():
    assert collapse_letter_spacing("名 词 解 释") == "名词解释"
    assert collapse_letter_spacing("重庆市沙坪坝区人民政府区长 常 斌") == "重庆市沙坪坝区人民政府区长 常斌"
    assert collapse_letter_spacing("罗 萱 重庆市南开中学校") == "罗萱 重庆市南开中学校"
    # digits between single characters are not letter spacing
    assert collapse_letter_spacing("2020 年 7 月 1 日") == "2020 年 7 月 1 日"


def test_headers_and_page_numbers_are_dropped_with_their_reason(seed_lines):
    # lines 440-448 of the seed: a sentence broken by the running header and page 11
    content, dropped, headers = classify(seed_lines[439:448])
    assert [l.text for l in content] == ["让发展更有温度。必须勇于创新、开拓开放，只要紧紧扭住发展", "第一要务，敢于打破思维定式和路径依赖，就能在新征程中抢占"]
    assert sorted(set(dropped.values())) == ["blank", "page number", "running header"]
    assert headers[0]["series"] == "重庆市沙坪坝区人民政府公报" and headers[0]["number"] == 2


def test_leading_space_marks_a_page_break_not_an_indent(seed_lines):
    content, _, _ = classify(seed_lines[34:37])
    assert content[-1].page_start and content[-1].text.startswith("众精神风貌")


def test_dates():
    assert parse_date("2020 年 11月 25 日") == "2020-11-25"
    assert parse_date("二〇一〇年二月二十日") == "2010-02-20"
    assert parse_date("沙坪坝区十八届人大七次会议秘书处 2021 年 1 月") == "2021-01"
    assert parse_date("2020 年 13 月 1 日") is None
