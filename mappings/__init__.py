"""MAP: records -> RDF triples, one module per kind of thing. Ontology IRIs live here, not in gazette/."""
