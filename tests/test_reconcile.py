"""The Reconciliation Service API 0.2 on `serve`: schemas, the requests OpenRefine sends, matching."""
import json
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

import pytest

from tests.conftest import ROOT, SHARED

BUILD = [sys.executable, str(ROOT / "build.py")]
VENDOR = SHARED / "vendor" / "reconciliation-api-0.2"


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    d = tmp_path_factory.mktemp("reconcile") / "dist"
    r = subprocess.run(BUILD + ["--out", str(d), "--links", str(ROOT / "tests" / "fixtures" / "links")],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    return d


@pytest.fixture(scope="module")
def url(out):
    proc = subprocess.Popen(BUILD + ["serve", "--out", str(out), "--port", "0"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    m = re.search(r"http://([\d.]+):(\d+)/", proc.stdout.readline())
    assert m
    yield f"http://{m[1]}:{m[2]}"
    proc.terminate()
    proc.wait(timeout=30)


def get(url, params=None):
    full = url + ("?" + urllib.parse.urlencode(params) if params else "")
    with urllib.request.urlopen(full, timeout=60) as r:
        return r.status, r.headers, r.read()


def post(url, form):
    data = urllib.parse.urlencode(form).encode()
    with urllib.request.urlopen(urllib.request.Request(url, data=data), timeout=60) as r:
        return r.status, r.headers, r.read()


@pytest.fixture(scope="module")
def schemas():
    if not (VENDOR / "schemas").exists():
        pytest.skip(f"Reconciliation API schemas not present at {VENDOR}")
    import jsonschema
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT7

    resources = []
    for p in (VENDOR / "schemas").glob("*.json"):
        doc = json.loads(p.read_text(encoding="utf-8"))
        resources.append((doc.get("$id", p.name), Resource(doc, specification=DRAFT7)))
    # the vendored set lacks type.json, which manifest.json refers to; the 0.2 spec defines a type as {id, name}
    base = "https://reconciliation-api.github.io/specs/0.2/schemas/"
    resources.append((base + "type.json", Resource({"type": "object", "properties": {"id": {"type": "string"},
                      "name": {"type": "string"}}, "required": ["id", "name"]}, specification=DRAFT7)))
    registry = Registry().with_resources(resources)

    def validator(name):
        schema = json.loads((VENDOR / "schemas" / f"{name}.json").read_text(encoding="utf-8"))
        return jsonschema.Draft7Validator(schema, registry=registry)
    return validator


@pytest.mark.parametrize("name,folder", [("manifest", "manifest"), ("reconciliation-query-batch", "reconciliation-query-batch"),
                                         ("reconciliation-result-batch", "reconciliation-result-batch"),
                                         ("data-extension-response", "data-extension-response")])
def test_the_validator_accepts_the_specs_valid_examples_and_refuses_the_invalid(schemas, name, folder):
    v = schemas(name)
    for p in sorted((VENDOR / "examples" / folder / "valid").glob("*.json")):
        doc = json.loads(p.read_text(encoding="utf-8"))
        if name == "manifest" and "authentication" in doc:
            continue   # refers to the Swagger 2 schema, which is not vendored
        assert not list(v.iter_errors(doc)), p.name
    invalid = sorted((VENDOR / "examples" / folder / "invalid").glob("*.json"))
    assert invalid or name != "manifest"
    assert [p.name for p in invalid if not list(v.iter_errors(json.loads(p.read_text(encoding="utf-8"))))] == []


def test_manifest(url, schemas):
    status, headers, body = get(url + "/reconcile")
    manifest = json.loads(body)
    assert status == 200 and headers["Access-Control-Allow-Origin"] == "*"
    assert not list(schemas("manifest").iter_errors(manifest))
    assert {"name", "identifierSpace", "schemaSpace", "defaultTypes", "view", "preview", "suggest", "extend"} <= set(manifest)


def test_batch_by_post_and_by_get(url, schemas):
    queries = {"q0": {"query": "磁器口剪纸", "type": "HeritageItem", "limit": 3},
               "q1": {"query": "朱氏木雕", "type": "HeritageItem",
                      "properties": [{"pid": "category", "v": "传统技艺"}, {"pid": "applicant", "v": "新桥街道"}]}}
    assert not list(schemas("reconciliation-query-batch").iter_errors(queries))
    _, _, by_post = post(url + "/reconcile", {"queries": json.dumps(queries, ensure_ascii=False)})
    _, _, by_get = get(url + "/reconcile", {"queries": json.dumps(queries, ensure_ascii=False)})
    result = json.loads(by_post)
    assert result == json.loads(by_get)
    assert not list(schemas("reconciliation-result-batch").iter_errors(result))
    assert result["q0"]["result"][0]["name"] == "磁器口剪纸" and result["q0"]["result"][0]["match"] is True
    top = result["q1"]["result"][0]
    assert top["name"] == "朱氏木雕技艺"
    assert {f["id"]: f["value"] for f in top["features"]}["category_match"] is True


@pytest.mark.parametrize("query,props,expected", [
    ("磁器口剪纸", [], "heritage/item/sha-fu-fa/2020/76/VII-10"),
    ("磁器口剪紙", [], "heritage/item/sha-fu-fa/2020/76/VII-10"),          # traditional characters
    ("VIII-50", [], "heritage/item/sha-fu-fa/2020/76/VIII-50"),             # the code alone
    ("Ⅷ－50", [], "heritage/item/sha-fu-fa/2020/76/VIII-50"),              # printed numeral, full-width dash
    ("磁器口减纸", [], "heritage/item/sha-fu-fa/2020/76/VII-10"),            # misspelt, same pinyin
    ("磁器口糍粑制作技艺", [], "heritage/item/sha-fu-fa/2020/76/VIII-50"),   # a word left out
    ("泛川派古琴艺术（沙磁斫琴）", [], "heritage/item/sha-fu-fa/2020/76/II-2"),  # sub-item in brackets
    ("ｃｈｕａｎｄｏｎｇ茶艺", [], "heritage/item/sha-fu-fa/2020/76/X-3"),  # full-width latin: folded
])
def test_matching_finds_the_right_item_first(url, query, props, expected):
    q = {"q": {"query": query, "type": "HeritageItem", "properties": props}}
    _, _, body = get(url + "/reconcile", {"queries": json.dumps(q, ensure_ascii=False)})
    result = json.loads(body)["q"]["result"]
    assert result and result[0]["id"] == expected, [(r["name"], r["score"]) for r in result[:3]]


def test_a_sheet_of_the_31_items_reconciles_automatically(url, out):
    """As an office's sheet would be: a third in traditional characters, half with the code, all with category."""
    import opencc
    t = opencc.OpenCC("s2t")
    items = json.loads((out / "records" / "shapingba-2020-02" / "heritage.json").read_text(encoding="utf-8"))
    queries = {}
    for i, it in enumerate(items):
        name = t.convert(it["name"]) if i % 3 == 0 else it["name"]
        props = [{"pid": "category", "v": it["category"]}]
        if i % 2 == 0:
            props.append({"pid": "code", "v": it["code"]})
        queries[f"q{i}"] = {"query": name, "type": "HeritageItem", "properties": props}
    _, _, body = post(url + "/reconcile", {"queries": json.dumps(queries, ensure_ascii=False)})
    result = json.loads(body)
    matched = [i for i, it in enumerate(items)
               if result[f"q{i}"]["result"] and result[f"q{i}"]["result"][0]["match"]
               and result[f"q{i}"]["result"][0]["id"].endswith("/" + it["code"])]
    wrong = [i for i, it in enumerate(items)
             if any(c["match"] and not c["id"].endswith("/" + it["code"]) for c in result[f"q{i}"]["result"])]
    assert len(matched) >= 29 and wrong == []


def test_suggest_preview_and_extend(url, schemas):
    _, _, body = get(url + "/reconcile/suggest/entity", {"prefix": "磁器口"})
    names = [r["name"] for r in json.loads(body)["result"]]
    assert "磁器口剪纸" in names
    _, _, body = get(url + "/reconcile/suggest/type", {"prefix": "heritage"})
    assert {r["id"] for r in json.loads(body)["result"]} == {"HeritageItem", "HeritageCategory"}
    _, _, body = get(url + "/reconcile/suggest/property", {"prefix": "cat", "type": "HeritageItem"})
    assert json.loads(body)["result"] == [{"id": "category", "name": "类别 category"}]
    status, headers, body = get(url + "/reconcile/preview", {"id": "heritage/item/sha-fu-fa/2020/76/VII-10"})
    assert status == 200 and "磁器口剪纸" in body.decode() and headers["Content-Type"].startswith("text/html")
    _, _, body = get(url + "/reconcile/propose_properties", {"type": "HeritageItem"})
    assert "category" in [p["id"] for p in json.loads(body)["properties"]]
    ext = {"ids": ["heritage/item/sha-fu-fa/2020/76/VII-10"],
           "properties": [{"id": "category"}, {"id": "applicant"}, {"id": "notice"}]}
    _, _, body = post(url + "/reconcile", {"extend": json.dumps(ext)})
    result = json.loads(body)
    assert not list(schemas("data-extension-response").iter_errors(result))
    row = result["rows"]["heritage/item/sha-fu-fa/2020/76/VII-10"]
    # linked values are the service's own entities, as ids OpenRefine can follow; the rest are strings
    assert row["category"] == [{"id": "heritage/category/VII", "name": "传统美术"}]
    assert row["notice"] == [{"id": "eli/sha-fu-fa/2020/76", "name": "沙府发〔2020〕76号"}]
    assert all("str" in v for v in row["applicant"])
    for linked in ("heritage/category/VII", "eli/sha-fu-fa/2020/76"):      # entities of the service itself
        assert get(url + "/reconcile/preview", {"id": linked})[0] == 200


def test_jsonp_for_old_clients(url):
    _, headers, body = get(url + "/reconcile", {"callback": "cb"})
    assert body.startswith(b"cb(") and headers["Content-Type"].startswith("application/javascript")


def test_pupils_are_never_candidates(url):
    q = {"q": {"query": "罗萱"}, "r": {"query": "欧阳聪睿"}}
    _, _, body = get(url + "/reconcile", {"queries": json.dumps(q, ensure_ascii=False)})
    result = json.loads(body)
    assert all("award" not in c["id"] for k in result for c in result[k]["result"])
    _, _, body = get(url + "/reconcile/suggest/entity", {"prefix": "罗萱"})
    assert json.loads(body)["result"] == []


def test_linkset_in_graph_and_on_the_item_page(out):
    import pyoxigraph as ox
    quads = list(ox.parse(path=str(out / "dumps" / "all.nq"), format=ox.RdfFormat.N_QUADS))
    links = [(q.subject.value, q.predicate.value, q.object.value) for q in quads
             if q.predicate.value.startswith("http://www.w3.org/2004/02/skos/core#") and q.predicate.value.endswith("Match")]
    assert ("https://gongbao.example.org/heritage/item/sha-fu-fa/2020/76/VIII-50",
            "http://www.w3.org/2004/02/skos/core#exactMatch", "https://heritage.example.net/record/SPB-FY-0150") in links
    assert any(q.object.value == "http://rdfs.org/ns/void#Linkset" for q in quads)
    page = (out / "site" / "heritage" / "item" / "sha-fu-fa" / "2020" / "76" / "VII-10" / "index.html").read_text(encoding="utf-8")
    assert "https://heritage.example.net/record/SPB-MS-0010" in page


def test_export_csv_lists_every_item(out):
    import csv
    rows = list(csv.DictReader((out / "exports" / "heritage-items.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == 31 and {"iri", "code", "name", "category", "applicants"} <= set(rows[0])
    assert (out / "site" / "exports" / "heritage-items.csv").exists()


def test_a_bad_linkset_stops_the_build(tmp_path):
    bad = tmp_path / "links"
    bad.mkdir()
    (bad / "office.csv").write_text("subject_id,predicate_id,object_id,creator_id,mapping_date\n"
                                    "沙府发〔2020〕76号 VIII-99,skos:exactMatch,https://x.example/1,me,2021-01-01\n", encoding="utf-8")
    r = subprocess.run(BUILD + ["--out", str(tmp_path / "dist"), "--links", str(bad)], capture_output=True, text=True, timeout=600)
    assert r.returncode == 2 and "office.csv:2" in r.stderr and "VIII-99" in r.stderr and "Traceback" not in r.stderr
