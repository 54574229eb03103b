"""Dates of force read from the text (gazette.force) and what ends or changes a document (gazette.endings), on the
gazettes' own sentences and variants made from them, and on whole issues of the seed and the development corpus."""
import json
import re

import pytest
from rdflib import Literal
from rdflib.namespace import XSD

from gazette.corpus import read_issue
from gazette.endings import PARTIAL_REPEAL, REPEAL, End, changes, earliest, ends, is_partial, settle
from gazette.force import (DATE_DOCUMENT, DATE_ISSUED, DATE_PRINTED, ENTRY, EXPIRY, FROM_ENTRY, PRINTED, Dates,
                           anniversary_end, document_dates, find_clauses, own_titles, resolve)
from gazette.identity import title_key
from mappings.graph import map_issue_records
from mappings.terms import ELI, GB, NOT_IN_FORCE, IRIs
from publish.outputs.records import summary_lines
from tests.conftest import SEED, SHARED
from tests.variants import move_headers, rewrap

CORPUS = SHARED / "corpus"
IRI = IRIs("https://gongbao.example.org")


def printed_sentence(rec, fragment: str):
    """The sentence holding `fragment` as the reader joins the gazette's lines into paragraphs, and its document."""
    for d in rec.parsed.documents:
        for p in list(d.paragraphs) + [p for a in d.annexes for p in a.paragraphs]:
            if fragment in p.text:
                at = p.text.index(fragment)
                start = max(p.text.rfind(c, 0, at) for c in "。！？") + 1
                return p.text[start:p.text.index("。", at) + 1], d
    raise KeyError(fragment)


def read(text, own=(), numbers=(), **dates):
    """(kind, date, basis, problem) of every clause of a string, resolved against the given dates."""
    return [(r.found.kind, r.date, r.basis, r.problem) for r in resolve(find_clauses(text, own, numbers), Dates(**dates))]


def read_as(text, doc):
    """What a string says, read as a sentence of the document `doc` (its own titles, number and dates)."""
    return [(r.found.kind, r.date, r.basis, r.problem)
            for r in resolve(find_clauses(text, own_titles(doc), (doc.number.canonical,) if doc.number else ()),
                             document_dates(doc))]


def ok(*facts):
    return [(k, d, b, None) for k, d, b in facts]


# the seed's own sentence, and variants made from it: each (change, dates, what is read)
ENTRY_0701 = (ENTRY, "2020-07-01", PRINTED)
SEED_SENTENCE = "本通知自 2020 年 7 月 1 日起实施。"
VARIANTS = {
    "as printed": (lambda s: s, {}, ok(ENTRY_0701)),
    "a validity of five years": (lambda s: s.replace("实施。", "实施，有效期 5 年。"), {},
                                 ok(ENTRY_0701, (EXPIRY, "2025-06-30", FROM_ENTRY))),
    "a validity in Chinese numerals": (lambda s: s.replace("实施。", "实施，有效期为两年。"), {},
                                       ok(ENTRY_0701, (EXPIRY, "2022-06-30", FROM_ENTRY))),
    "a validity in a sentence of its own": (lambda s: s + "有效期三年。", {},
                                            ok(ENTRY_0701, (EXPIRY, "2023-06-30", FROM_ENTRY))),
    "valid to a date": (lambda s: s.replace("实施。", "实施，有效期至 2022 年 12 月 31 日。"), {},
                        ok(ENTRY_0701, (EXPIRY, "2022-12-31", PRINTED))),
    "valid to a year's end": (lambda s: s.replace("实施。", "实施，有效期至2023年底。"), {},
                              ok(ENTRY_0701, (EXPIRY, "2023-12-31", PRINTED))),
    "in force to a date": (lambda s: s.replace("实施。", "实施，至 2022 年 12 月 31 日止。"), {},
                           ok(ENTRY_0701, (EXPIRY, "2022-12-31", PRINTED))),
    "a validity from one date to another": (
        lambda s: "本通知有效期为2020年7月1日至2025年6月30日。", {},
        ok(ENTRY_0701, (EXPIRY, "2025-06-30", PRINTED))),
    "the date in Chinese numerals": (lambda s: s.replace("2020 年 7 月 1 日", "二〇二〇年七月一日"), {}, ok(ENTRY_0701)),
    "施行 for 实施": (lambda s: s.replace("起实施", "起施行"), {}, ok(ENTRY_0701)),
    "from the 印发 date": (lambda s: s.replace("2020 年 7 月 1 日", "印发之日"), {"printed": "2020-07-03"},
                          ok((ENTRY, "2020-07-03", DATE_PRINTED))),
    "from the day it is signed": (lambda s: s.replace("2020 年 7 月 1 日", "签发之日"), {"document": "2020-06-28"},
                                 ok((ENTRY, "2020-06-28", DATE_DOCUMENT))),
    "from the day it is published, the two dates agreeing": (
        lambda s: s.replace("2020 年 7 月 1 日", "发布之日"), {"document": "2020-06-28", "printed": "2020-06-28"},
        ok((ENTRY, "2020-06-28", DATE_ISSUED))),
    "a leap day and a year of validity": (
        lambda s: s.replace("7 月 1 日", "2 月 29 日").replace("实施。", "实施，有效期1年。"), {},
        ok((ENTRY, "2020-02-29", PRINTED), (EXPIRY, "2021-02-28", FROM_ENTRY))),
    "both ends in one clause": (lambda s: s.replace("起实施", "起至 2022 年 6 月 30 日止试行"), {},
                                ok(ENTRY_0701, (EXPIRY, "2022-06-30", PRINTED))),
    "in force until, by the verb alone": (lambda s: s.replace("实施。", "实施，执行至 2022 年 6 月 30 日。"), {},
                                          ok(ENTRY_0701, (EXPIRY, "2022-06-30", PRINTED))),
    "an end printed as its repeal": (lambda s: s.replace("实施。", "实施，2022 年 6 月 30 日废止。"), {},
                                     ok(ENTRY_0701, (EXPIRY, "2022-06-30", PRINTED))),
    "the validity before the entry into force": (lambda s: s.replace("本通知自", "本通知有效期 5 年，自"), {},
                                                  ok((EXPIRY, "2025-06-30", FROM_ENTRY), ENTRY_0701)),
    "its number after its subject": (lambda s: s.replace("本通知", "本通知（渝规资规范〔2020〕8号）"), {},
                                     ok(ENTRY_0701)),
    "a later date for some articles": (lambda s: s.replace("实施。", "实施，其中第十条自2021年1月1日起施行。"), {},
                                       ok(ENTRY_0701)),
    "a project's period beside it": (lambda s: s + "项目执行期限为3年。", {}, ok(ENTRY_0701)),
    "a period of tasks under the document": (lambda s: s + "按照本通知，执行期限至2022年底。", {}, ok(ENTRY_0701)),
    "another subject": (lambda s: s.replace("本通知", "各区县"), {}, []),
    "a certificate's validity beside it": (lambda s: s + "证书有效期3年。", {}, ok(ENTRY_0701)),
    "a licence's validity in place of it": (lambda s: "许可证有效期至2022年12月31日。", {}, []),
}
# what cannot be fixed with certainty is reported: each (change, dates, kinds, words of the problem)
AMBIGUOUS = {
    "a month without its day": (lambda s: s.replace(" 1 日", ""), {}, [ENTRY], "printed in part (2020年7月)"),
    "a day without its year": (lambda s: s.replace("2020 年 ", ""), {}, [ENTRY], "printed in part (7月1日)"),
    "the 印发 date not printed": (lambda s: s.replace("2020 年 7 月 1 日", "印发之日"), {"document": "2020-06-28"},
                                  [ENTRY], "does not print (its 成文日期 is 2020-06-28)"),
    "published, the two dates differing": (lambda s: s.replace("2020 年 7 月 1 日", "发布之日"),
                                           {"document": "2020-06-28", "printed": "2020-07-03"}, [ENTRY], "differ"),
    "thirty days after": (lambda s: s.replace("2020 年 7 月 1 日起", "印发之日起30日后"), {"printed": "2020-07-03"},
                          [ENTRY], "30 days or months after"),
    "two entries into force": (lambda s: s + s.replace("7 月", "8 月"), {}, [ENTRY, ENTRY], "two dates"),
    "an end before the start": (lambda s: s.replace("实施。", "实施，有效期至2019年12月31日。"), {},
                                [ENTRY, EXPIRY], "before it enters into force"),
    "a validity with no entry into force": (lambda s: "本通知有效期5年。", {}, [EXPIRY], "does not fix"),
}


def test_the_seed_sentence_is_the_gazettes(seed):
    assert printed_sentence(seed, "本通知自 2020 年 7 月 1 日")[0] == SEED_SENTENCE


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_dates_of_force_read_from_a_sentence(name):
    change, dates, expected = VARIANTS[name]
    assert read(change(SEED_SENTENCE), numbers=("渝规资规范〔2020〕8号",), **dates) == expected


@pytest.mark.parametrize("name", sorted(AMBIGUOUS))
def test_an_ambiguous_date_is_reported_not_guessed(name):
    change, dates, kinds, words = AMBIGUOUS[name]
    found = read(change(SEED_SENTENCE), **dates)
    assert [k for k, *_ in found] == kinds
    problems = [p for _, _, _, p in found if p]
    assert problems and words in problems[-1], found


# sentences printed in the gazettes, read as sentences of the document that prints them (its titles, number and dates)
PRINTED_SENTENCES = [
    ("seed", "本通告自发布之日起施行", ok((ENTRY, "2020-12-02", DATE_ISSUED))),
    ("gwy-gazette-2022-16.txt", "现予发布，自1998年1月1日起", ok((ENTRY, "1998-01-01", PRINTED))),
    ("gwy-gazette-2022-16.txt", "现予公布，自2011年", ok((ENTRY, "2011-02-01", PRINTED))),
    # a notice telling another document's date (…《…》（渝规资规范〔2020〕8 号），于 2020 年 7 月 1日起实施) sets none of its own
    ("seed", "于 2020 年 7 月 1日起实施", []),
    # the validity of a patent, not of the document
    ("seed", "在有效期内的发明专利", []),
    # a decision that ends other documents from its 印发 date (凡宣布失效的国务院文件，自本决定印发之日起一律停止执行)
    ("gwy-gazette-2022-16.txt", "一律停止执行", []),
]


@pytest.mark.parametrize("issue,fragment,expected", PRINTED_SENTENCES, ids=[f"{i[:3]}:{f}" for i, f, _ in PRINTED_SENTENCES])
def test_printed_sentences(issue, fragment, expected, seed, registry):
    rec = seed if issue == "seed" else corpus_issue(issue, registry)
    sentence, doc = printed_sentence(rec, fragment)
    assert read_as(sentence, doc) == expected


def test_a_documents_own_number_is_no_other_document(seed):
    doc = next(d for d in seed.parsed.documents if d.key == "sha-fu-fa/2020/39")
    assert read_as("本通知（沙府发〔2020〕39号）自2020年7月1日起施行。", doc) == ok(ENTRY_0701)
    assert read_as("《通知》（沙府发〔2020〕42号）自2020年7月1日起施行。", doc) == []


def test_a_title_as_subject_is_the_documents_only_when_it_is_its_own():
    sentence = "《沙坪坝区征地征收工作从业人员“八条禁令”》自2020年7月1日起施行。"
    assert read(sentence, ["沙坪坝区征地征收工作从业人员“八条禁令”"]) == ok(ENTRY_0701)
    assert read(sentence, ["重庆市沙坪坝区人民政府工作报告"]) == []


@pytest.mark.parametrize("start,years,months,end", [
    ("2020-07-01", 5, 0, "2025-06-30"), ("2020-01-01", 1, 0, "2020-12-31"), ("2020-02-29", 1, 0, "2021-02-28"),
    ("2020-02-29", 4, 0, "2024-02-28"), ("2020-08-31", 0, 6, "2021-02-28"), ("2019-12-15", 0, 1, "2020-01-14")])
def test_a_period_ends_the_day_before_its_anniversary(start, years, months, end):
    assert anniversary_end(start, years, months) == end


# --- whole issues -----------------------------------------------------------------------------------------------

def facts(rec):
    return sorted((d.key, f.kind, f.date, f.basis) for d in rec.parsed.documents for f in d.force if not f.problem)


def corpus_issue(name, registry):
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"{path} is absent: the development corpus comes with shared/")
    return read_issue(path, registry)


def test_the_seed_dates_of_force(seed):
    assert facts(seed) == [("sha-fu-fa/2020/75", ENTRY, "2020-12-02", DATE_ISSUED),
                           ("yu-gui-zi-gui-fan/2020/8", ENTRY, "2020-07-01", PRINTED)]
    assert seed.ambiguous == []


@pytest.mark.parametrize("name,expected", [
    ("gwy-gazette-2022-16.txt", [("guowuyuan-ling/238", ENTRY, "1998-01-01", PRINTED),
                                 ("he-government/x-nnqz69av3e/2010/15", ENTRY, "2011-02-01", PRINTED)]),
    ("dc-gazette-2024-02.txt", []), ("pj-gazette-2021-02.txt", []), ("sc-gazette-2025-03.txt", [])])
def test_the_corpus_dates_of_force(name, expected, registry):
    rec = corpus_issue(name, registry)
    assert facts(rec) == expected
    assert rec.ambiguous == []


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _holds_its_clause(rec, path):
    lines = path.read_text(encoding="utf-8").split("\n")
    for d in rec.parsed.documents:
        for f in d.force:
            para = d.paragraphs[f.paragraph] if f.location == "body" else \
                d.annexes[int(f.location.split()[1]) - 1].paragraphs[f.paragraph]
            said = para.text[f.span[0]:f.span[1]]
            # the clause quotes what was read, and the lines it names print it
            assert said and _squash(said) in _squash(f.clause), (d.key, f)
            assert _squash(said) in _squash("".join(lines[f.line - 1:f.line_end])), (d.key, f.line, f.line_end, said)


@pytest.mark.parametrize("name", ["seed", "gwy-gazette-2022-16.txt"])
def test_every_date_of_force_has_its_clause_and_line(name, seed, registry):
    rec = seed if name == "seed" else corpus_issue(name, registry)
    assert facts(rec)
    _holds_its_clause(rec, SEED if name == "seed" else CORPUS / name)


@pytest.mark.parametrize("name,change", [("rewrapped at 40", lambda t: rewrap(t, 40)),
                                         ("rewrapped at 48", lambda t: rewrap(t, 48)),
                                         ("headers moved", lambda t: move_headers(t, 23))])
def test_layout_variants_read_the_same_dates_with_their_own_lines(name, change, seed, registry, tmp_path):
    path = tmp_path / "variant.txt"
    path.write_text(change(SEED.read_text(encoding="utf-8")), encoding="utf-8")
    rec = read_issue(path, registry, issue_key="shapingba-2020-02")
    assert facts(rec) == facts(seed)
    _holds_its_clause(rec, path)


def test_an_ambiguous_date_in_an_issue_is_reported_and_not_stated(registry, tmp_path):
    text = SEED.read_text(encoding="utf-8").replace("本通知自 2020 年 7 月 1 日起实施。", "本通知自 2020 年 7 月起实施。")
    path = tmp_path / "shapingba-2020-02.txt"
    path.write_text(text, encoding="utf-8")
    rec = read_issue(path, registry)
    assert [(a.kind, a.document, a.line) for a in rec.ambiguous] == [("date of force", "yu-gui-zi-gui-fan/2020/8", 4315)]
    assert "printed in part (2020年7月)" in rec.ambiguous[0].reason
    from publish.outputs.records import coverage_report
    summary = "\n".join(summary_lines(rec, coverage_report(rec)))
    assert "1 ambiguous (reported, not stated)" in summary and "shapingba-2020-02.txt:4315" in summary
    g, _ = map_issue_records(rec, path.read_bytes(), IRI, registry)
    eight, old = IRI.document("yu-gui-zi-gui-fan/2020/8"), IRI.document("yu-guo-tu-fang-guan/2014/799")
    assert g.value(eight, ELI.first_date_entry_in_force) is None
    # the repeal stands, its date is not known
    assert (old, ELI.repealed_by, eight) in g and g.value(old, ELI.date_no_longer_in_force) is None


# --- repeals, amendments and ends -------------------------------------------------------------------------------

def test_the_seed_repeals_take_effect_when_the_repealing_documents_enter_into_force(seed):
    found = [(c.kind, c.document, c.by, c.date) for c in changes(seed)]
    assert found == [(REPEAL, "sha-fu-fa/2019/18", "sha-fu-fa/2020/75", "2020-12-02"),
                     (REPEAL, "yu-guo-tu-fang-guan/2014/799", "yu-gui-zi-gui-fan/2020/8", "2020-07-01"),
                     (REPEAL, "yu-gui-zi/2019/413", "yu-gui-zi-gui-fan/2020/8", "2020-07-01")]
    assert seed.ending_dates == {"sha-fu-fa/2019/18": "2020-12-02", "yu-guo-tu-fang-guan/2014/799": "2020-07-01",
                                 "yu-gui-zi/2019/413": "2020-07-01"}


@pytest.mark.parametrize("change,title,partial", [
    (lambda s: s, "799 号）", False),
    (lambda s: s, "413 号）", False),
    (lambda s: s.replace("799 号）和", "799 号）第三条和"), "799 号）", True),
    (lambda s: s.replace("）同时废止", "）中与本通知不一致的规定同时废止"), "413 号）", True),
])
def test_a_repeal_of_some_articles_is_partial(change, title, partial, seed):
    text = change(printed_sentence(seed, "原《关于进一步完善设施")[0])
    # what follows the repealed title, up to the end of its clause, decides
    assert is_partial(text, text.index(title) + len(title)) is partial


def test_the_earliest_end_is_the_documents():
    found = [End("a", "2025-06-30", EXPIRY, "a"), End("a", "2021-03-08", REPEAL, "b"), End("c", "2020-07-01", REPEAL, "b")]
    assert earliest(found) == {"a": "2021-03-08", "c": "2020-07-01"}


def test_a_repeal_named_by_title_alone_resolves_as_its_citation_does():
    named = End(title_key("关于X的通知"), "2021-03-08", REPEAL, "b", "关于X的通知")
    assert settle([named], {"关于X的通知": "sha-fu-fa/2020/39"})[0].document == "sha-fu-fa/2020/39"
    assert settle([named], {})[0].document == title_key("关于X的通知")
    assert settle([named], None) == [named]


def test_repealed_by_with_the_repealing_documents_entry_into_force(seed, registry):
    g, _ = map_issue_records(seed, SEED.read_bytes(), IRI, registry)
    old, eight = IRI.document("yu-guo-tu-fang-guan/2014/799"), IRI.document("yu-gui-zi-gui-fan/2020/8")
    assert (old, ELI.repealed_by, eight) in g and (old, ELI.in_force, NOT_IN_FORCE) in g
    assert g.value(old, ELI.date_no_longer_in_force) == g.value(eight, ELI.first_date_entry_in_force) \
        == Literal("2020-07-01", datatype=XSD.date)
    # every date of force has its evidence: the clause and its line
    for prop, events in ((ELI.first_date_entry_in_force, {"entry_into_force"}),
                         (ELI.date_no_longer_in_force, {"expiry", "repeal"})):
        for doc, when in g.subject_objects(prop):
            evs = [e for e in g.subjects(GB.forceOf, doc) if str(g.value(e, GB.forceEvent)) in events
                   and g.value(e, GB.forceDate) == when]
            assert evs, (doc, prop)
            for e in evs:
                assert str(g.value(e, GB.quote)) and int(g.value(e, GB.sourceLine)) > 0


def test_an_end_given_earlier_elsewhere_is_kept_as_evidence_only(registry, tmp_path):
    """The 8号 notice valid five years (to 2025-06-30), repealed in another issue from 2021-03-08: this issue keeps its
    expiry as evidence and states no date; the other issue's repeal states the earlier one."""
    text = SEED.read_text(encoding="utf-8").replace("本通知自 2020 年 7 月 1 日起实施。", "本通知自 2020 年 7 月 1 日起实施，有效期 5 年。")
    path = tmp_path / "shapingba-2020-02.txt"
    path.write_text(text, encoding="utf-8")
    rec = read_issue(path, registry)
    eight = IRI.document("yu-gui-zi-gui-fan/2020/8")
    g, _ = map_issue_records(rec, path.read_bytes(), IRI, registry)
    assert g.value(eight, ELI.date_no_longer_in_force) == Literal("2025-06-30", datatype=XSD.date)
    rec.ending_dates["yu-gui-zi-gui-fan/2020/8"] = "2021-03-08"
    g, _ = map_issue_records(rec, path.read_bytes(), IRI, registry)
    assert g.value(eight, ELI.date_no_longer_in_force) is None
    expiry = [e for e in g.subjects(GB.forceOf, eight) if str(g.value(e, GB.forceEvent)) == "expiry"]
    assert [str(g.value(e, GB.forceDate)) for e in expiry] == ["2025-06-30"]
    assert str(g.value(expiry[0], GB.period)) == "P5Y" and g.value(expiry[0], GB.dateGivenBy) is not None


def test_the_records_hold_the_dates_of_force(seed):
    from gazette.records import to_json
    docs = {d["key"]: d for d in json.loads(json.dumps([to_json(d) for d in seed.parsed.documents], ensure_ascii=False))}
    force = docs["yu-gui-zi-gui-fan/2020/8"]["force"]
    assert [(f["kind"], f["date"], f["line"], f["clause"]) for f in force] == \
        [(ENTRY, "2020-07-01", 4315, "本通知自 2020 年 7 月 1 日起实施。")]
    assert docs["sha-fu-fa/2020/39"]["force"] == []


def test_partial_repeals_neither_end_nor_unseat(seed, registry):
    """A partial repeal keeps eli:repealed_by (the inverse of the citation's eli:repeals) but gives no end."""
    import copy
    rec = copy.deepcopy(seed)
    eight = next(d for d in rec.parsed.documents if d.key == "yu-gui-zi-gui-fan/2020/8")
    for p in eight.paragraphs:
        p.text = p.text.replace("799 号）和", "799 号）第三条和")
    kinds = {c.document: c.kind for c in changes(rec)}
    assert kinds["yu-guo-tu-fang-guan/2014/799"] == PARTIAL_REPEAL and kinds["yu-gui-zi/2019/413"] == REPEAL
    rec.ending_dates = earliest(ends(rec))
    g, _ = map_issue_records(rec, SEED.read_bytes(), IRI, registry)
    old, whole = IRI.document("yu-guo-tu-fang-guan/2014/799"), IRI.document("yu-gui-zi/2019/413")
    assert (old, ELI.repealed_by, IRI.document("yu-gui-zi-gui-fan/2020/8")) in g
    assert g.value(old, ELI.in_force) is None and g.value(old, ELI.date_no_longer_in_force) is None
    assert g.value(whole, ELI.in_force) == NOT_IN_FORCE


def test_the_shapes_and_the_ontology_name_every_event_and_basis():
    from rdflib import Graph
    from rdflib.collection import Collection
    from rdflib.namespace import SH

    from mappings.force import DATE_BASES, EVENTS
    from publish.outputs.timeline import FORCE_EVENTS
    from tests.conftest import ROOT
    shapes = Graph().parse(ROOT / "shapes" / "gongbao-shapes.ttl")
    onto = (ROOT / "ontology" / "gongbao.ttl").read_text(encoding="utf-8")
    for prop, values in ((GB.forceEvent, EVENTS), (GB.dateBasis, DATE_BASES)):
        lists = [[str(x) for x in Collection(shapes, o)] for s in shapes.subjects(SH.path, prop) for o in shapes.objects(s, SH["in"])]
        # the evidence's own shape allows exactly these; the others (what an end needs …) some of them
        assert list(values) in lists and all(set(x) <= set(values) for x in lists), (prop, lists)
        definition = re.search(rf"gb:{prop.split('#')[1]} a owl:DatatypeProperty.*?\.\n", onto, re.S).group(0)
        assert all(v in definition for v in values), prop
    assert set(FORCE_EVENTS) == set(EVENTS)


def test_a_validity_clause_before_the_entry_into_force_still_counts_from_it(registry, tmp_path):
    """The same clauses the other way round (本通知有效期 5 年，自 2020 年 7 月 1 日起实施): the expiry's date is
    still given by the entry into force, whose evidence comes after it."""
    text = SEED.read_text(encoding="utf-8").replace("本通知自 2020 年 7 月 1 日起实施。", "本通知有效期 5 年，自 2020 年 7 月 1 日起实施。")
    path = tmp_path / "shapingba-2020-02.txt"
    path.write_text(text, encoding="utf-8")
    rec = read_issue(path, registry)
    eight = IRI.document("yu-gui-zi-gui-fan/2020/8")
    g, _ = map_issue_records(rec, path.read_bytes(), IRI, registry)
    by_event = {str(g.value(e, GB.forceEvent)): e for e in g.subjects(GB.forceOf, eight)}
    assert str(g.value(by_event["expiry"], GB.forceDate)) == "2025-06-30"
    assert g.value(by_event["expiry"], GB.dateGivenBy) == by_event["entry_into_force"]
