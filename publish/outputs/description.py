"""The dataset described with VoID and DCAT (checked against the DCAT-AP 3.0 shapes in the tests)."""
from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, VOID, XSD

from mappings.graph import new_graph
from mappings.terms import ELI, GB, ORG, IRIs, en, zh

MEDIA = {
    "ttl": "text/turtle", "nt": "application/n-triples", "nq": "application/n-quads",
    "trig": "application/trig", "jsonld": "application/ld+json",
}


def describe(iris: IRIs, licence: str, union_triples: int, issue_counts: dict[str, int], dumps: list[str],
             other_graphs: dict[str, int] | None = None, sparql_url: str | None = None,
             publisher: str = "Gongbao") -> Graph:
    """The dataset's VoID and DCAT description. It is a named graph of its own (in the store and the quad
    dumps) and does not count itself: `union_triples` and the subsets' counts are the data's."""
    g = new_graph(iris.graph("dataset"))
    ds = iris.dataset()
    catalog = iris.catalog()
    agent = URIRef(f"{catalog}/publisher")
    g.add((catalog, RDF.type, DCAT.Catalog))
    g.add((catalog, DCTERMS.title, zh("公报关联数据目录")))
    g.add((catalog, DCTERMS.title, en("Gongbao catalogue")))
    g.add((catalog, DCTERMS.description, en("The catalogue of the Gongbao dataset.")))
    g.add((catalog, DCTERMS.publisher, agent))
    g.add((catalog, DCAT.dataset, ds))
    g.add((agent, RDF.type, FOAF.Agent))
    g.add((agent, FOAF.name, Literal(publisher)))
    g.add((ds, DCTERMS.publisher, agent))
    if sparql_url:
        g.add((ds, VOID.sparqlEndpoint, URIRef(sparql_url)))
    g.add((ds, RDF.type, DCAT.Dataset))
    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, DCTERMS.title, zh("公报：政府公报关联数据")))
    g.add((ds, DCTERMS.title, en("Gongbao: government gazettes as linked data")))
    g.add((ds, DCTERMS.description, zh("从政府公报文本中读取的公文、发文机关、引用关系、非物质文化遗产名录、表彰名单、名词解释和表格。")))
    g.add((ds, DCTERMS.description, en("Documents, issuing bodies, typed citations, heritage lists, award lists, glossaries "
                                       "and tables read from the text of Chinese government gazettes.")))
    g.add((ds, DCTERMS.license, URIRef(licence)))
    g.add((ds, VOID.triples, Literal(union_triples, datatype=XSD.integer)))
    g.add((ds, VOID.uriSpace, Literal(iris.base + "/")))
    for vocab in (ELI, ORG, GB):
        g.add((ds, VOID.vocabulary, URIRef(str(vocab))))
    for name in sorted(dumps):
        url = iris.dump(name)
        ext = name.rsplit(".", 1)[-1]
        if ext not in MEDIA or name == "context.jsonld":
            continue
        g.add((ds, VOID.dataDump, url))
        dist = URIRef(f"{url}#distribution")
        g.add((ds, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((url, RDF.type, RDFS.Resource))
        g.add((dist, DCAT.accessURL, url))
        g.add((dist, DCAT.downloadURL, url))
        media = URIRef(f"http://www.iana.org/assignments/media-types/{MEDIA[ext]}")
        g.add((dist, DCAT.mediaType, media))
        g.add((media, RDF.type, DCTERMS.MediaType))
        g.add((dist, DCTERMS.license, URIRef(licence)))
        g.add((dist, DCTERMS.title, en(name)))
    for key, n in sorted(issue_counts.items()):
        sub = iris.graph(key)
        g.add((ds, VOID.subset, sub))
        g.add((sub, RDF.type, VOID.Dataset))
        g.add((sub, VOID.triples, Literal(n, datatype=XSD.integer)))
        g.add((sub, DCTERMS.source, iris.issue(key)))
        g.add((sub, VOID.dataDump, iris.dump(f"issues/{key}.ttl")))
    # the registry's facts and the linksets: named graphs too
    for graph, n in sorted((other_graphs or {}).items()):
        sub = URIRef(graph)
        g.add((ds, VOID.subset, sub))
        g.add((sub, RDF.type, VOID.Dataset))
        g.add((sub, VOID.triples, Literal(n, datatype=XSD.integer)))
    g.add((URIRef(licence), RDF.type, DCTERMS.LicenseDocument))
    return g
