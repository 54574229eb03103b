"""PARSE: gazette text -> typed records. No RDF here."""
