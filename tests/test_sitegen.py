"""The site's pure parts on the gazette's own text: anchors and contents, annex tables in place of broken
lines, the chain's layout, dates and controlled values in both languages, the order of a page's facts."""
from __future__ import annotations

import pytest

from gazette.paragraphs import Paragraph
from publish.sitegen import chain, facts
from publish.sitegen.fulltext import TableRows, cut, place_tables
from publish.sitegen.outline import outline

# 沙府发〔2020〕65号's body, as its paragraphs start
SEED_POINTS = ["一、总体要求", "（一）指导思想", "以习近平新时代中国特色社会主义思想为指导，……", "（二）基本原则",
               "二、片区管控", "（四）环境管控单元划分", "1.优先保护单元", "2.重点管控单元", "三、工作要求"]


def test_numbered_points_nest_and_get_stable_anchors():
    marks = outline(SEED_POINTS)
    assert [m.anchor if m else None for m in marks] == [
        "pt_1", "pt_1_1", None, "pt_1_2", "pt_2", "pt_2_4", "pt_2_4_1", "pt_2_4_2", "pt_3"]
    assert [m.heading for m in marks if m] == [True] * 8


def test_articles_are_anchored_as_art_n_and_their_points_under_them():
    texts = ["第一章 总则", "第十一条 土地复垦义务人应当……。", "（一）按照规定缴纳；", "（二）按期完成。",
             "第十二条 其他。", "（一）另一项。", "第13条 在数字中。"]
    marks = outline(texts)
    assert [m.anchor for m in marks] == ["chp_1", "art_11", "art_11-pt_1", "art_11-pt_2", "art_12", "art_12-pt_1", "art_13"]
    assert marks[1].heading is False          # an article that is a sentence is not a heading


def test_an_annex_prefixes_its_anchors_and_a_repeat_never_clashes():
    marks = outline(["一、实施对象", "一、实施对象"], prefix="annex_1-")
    assert [m.anchor for m in marks] == ["annex_1-pt_1", "annex_1-pt_1-2"]


@pytest.mark.parametrize("text", ["1.5亿元的投入", "10万平方米", "二十、", "（十一）的说明很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长，不是标题。"])
def test_running_text_is_not_mistaken_for_a_heading(text):
    m = outline([text])[0]
    assert m is None or not m.heading


def _para(text: str, lines: list[int]) -> Paragraph:
    step = max(1, len(text) // len(lines))
    return Paragraph(text, [(i * step, no) for i, no in enumerate(lines)])


def test_an_annex_table_replaces_the_broken_lines_and_keeps_the_note_before_its_rows():
    # 沙府发〔2020〕42号, 附件1: the note and the first rows run into one paragraph by the PDF's extraction
    note, row1, row2 = "（按姓氏笔画排序）", "尹艺臻 重庆市名校联合中学校", "刘笑言 重庆市第一中学校"
    paras = [Paragraph(note + row1 + row2, [(0, 1475), (len(note), 1477), (len(note + row1), 1479)]),
             Paragraph("李靖宇 重庆市天星桥中学", [(0, 1481)])]
    table = TableRows("awards", [("序号", "No.")], [{"first": 1477, "last": 1477, "cells": []},
                                                    {"first": 1479, "last": 1479, "cells": []},
                                                    {"first": 1481, "last": 1481, "cells": []}])
    at, replaced = place_tables(paras, [table])
    assert list(at) == [0] and len(at[0].rows) == 3
    assert replaced == {0: ((0, len(note)), None), 1: (None, None)}
    segs = [{"kind": "text", "text": note + row1}, {"kind": "term", "text": row2}]
    assert cut(segs, 0, len(note)) == [{"kind": "text", "text": note}]


def test_rows_read_from_running_text_stay_text():
    # 沙府办发〔2020〕108号: tasks numbered in prose, with headings between them, are no table
    paras = [Paragraph("（一）加强对家庭婴幼儿照护的支持和指导", [(0, 3391)]),
             Paragraph("1.全面落实产假政策。执行重庆市延长产假和护理假的相关规定。", [(0, 3392)]),
             Paragraph("（二）加大对社区婴幼儿照护服务的支持力度", [(0, 3434)]),
             Paragraph("6.加强社区婴幼儿照护服务设施的配套建设。", [(0, 3436)])]
    table = TableRows("tasks", [], [{"first": 3392, "last": 3392, "cells": []}, {"first": 3436, "last": 3436, "cells": []}])
    assert place_tables(paras, [table]) == ({}, {})


def test_rows_of_another_part_are_not_placed_here():
    paras = [_para("第八届沙坪坝区青少年科技创新区长奖提名奖名单", [1500])]
    table = TableRows("awards", [], [{"first": 1477, "last": 1477, "cells": []}])
    assert place_tables(paras, [table]) == ({}, {})


EDGES = {  # 沙府办发〔2020〕127号's chain, as the seed gives it
    "127": [("applies", "4"), ("forwards", "8")],
    "8": [("applies", "4"), ("repeals", "413"), ("repeals", "799")],
}


def test_an_edge_into_a_node_already_placed_is_drawn():
    cols, used = chain.chain("127", EDGES)
    assert cols == [["127"], ["8"], ["4", "413", "799"]]
    assert ("8", "applies", "4") in used and ("127", "applies", "4") in used
    drawing = chain.svg("127", EDGES, {}, {"4": "national"}, {})
    assert drawing.count('<path class="chain-edge"') == len(used)


def test_the_chain_as_text_lists_every_edge():
    listed = chain.edge_list("127", EDGES, {"4": "自然资规〔2019〕4号"}, {}, {})
    assert ("8", "applies", "自然资规〔2019〕4号") in {(e["from"], e["rel"], e["to"]) for e in listed}
    assert len(listed) == 5


def test_a_cycle_does_not_loop():
    cols, used = chain.chain("a", {"a": [("cites", "b")], "b": [("cites", "a")]})
    assert cols == [["a"], ["b"]] and len(used) == 2


@pytest.mark.parametrize("lexical,words", [
    ("2020-11-16", ("2020年11月16日", "16 November 2020")),
    ("2020-07", ("2020年7月", "July 2020")),
    ("2020", ("2020年", "2020")),
    ("2020-13-01", None),
])
def test_dates_in_both_languages(lexical, words):
    assert facts.date_words(lexical) == words


@pytest.mark.parametrize("value,words", [
    ("annual", ("按年编号", "numbered by year")), ("county", ("区县级", "county")),
    ("forwards", ("转发", "forwards")), ("annex 2", ("附件2", "annex 2")), ("沙坪坝区", None)])
def test_controlled_values_in_both_languages(value, words):
    assert facts.value_words(value) == words


def _group(iri: str, *keys: str) -> dict:
    return {"iri": iri, "label": {"zh": iri, "en": iri}, "vals": [{"key": k} for k in keys]}


ELI = "http://data.europa.eu/eli/ontology#"


def test_facts_lead_and_a_typed_citation_is_not_listed_again_as_cites():
    sections = facts.arrange([_group(ELI + "cites", "a", "b"), _group(ELI + "applies", "a"),
                              _group("https://gongbao.example.org/ontology#sourceLine", "1"),
                              _group(ELI + "id_local", "沙府办发〔2020〕127号")])
    assert [s["key"] for s in sections] == ["facts", "relations", "provenance"]
    relations = {g["iri"]: [v["key"] for v in g["vals"]] for g in sections[1]["groups"]}
    assert relations == {ELI + "applies": ["a"], ELI + "cites": ["b"]}


def test_incoming_links_read_backwards():
    sections = facts.arrange([_group(ELI + "repeals", "x")], incoming=True)
    assert sections[0]["groups"][0]["label"]["zh"] == "被…废止"
    unknown = facts.arrange([_group("https://example.org/p", "x")], incoming=True)
    assert unknown[0]["groups"][0]["label"]["zh"].startswith("← ")


@pytest.mark.parametrize("here,there", [
    ("eli/sha-fu-fa/2020/39", "eli/sha-fu-fa/2020/39"), ("eli/sha-fu-fa/2020/39", ""), ("", "heritage/item/VIII-41"),
    ("eli/sha-fu-fa/2020/39", "eli/sha-fu-fa/2020/3"), ("eli/sha-fu-fa/2020/39", "eli/sha-fu-ban-fa/2020/127"),
    ("heritage", "heritage/item"), ("heritage/item", "heritage"), ("org/shapingba", "ontology"), ("", ""),
])
def test_a_link_between_site_folders_is_the_relative_path(here, there):
    import os
    from publish.sitegen.render import site_href
    expected = os.path.relpath(there or ".", here or ".")
    assert site_href(here, there) == ("" if expected == "." else expected + "/")


def test_a_chain_among_thousands_of_citers_is_laid_out_without_recursion():
    # a regulation cited by every issue, whose notices each repeal the previous issue's: drawn from what cites it
    n = 3000
    cited_by = {"reg": [("applies", f"d{k}") for k in range(n)]}
    for k in range(1, n):
        cited_by[f"d{k - 1}"] = [("repeals", f"d{k}")]
    cols, used = chain.chain("reg", cited_by)
    assert cols[0] == ["reg"] and len(used) == 2 * n - 1
    assert sum(len(c) for c in cols) == n + 1 and len(cols) == chain.MAX_DEPTH + 1
