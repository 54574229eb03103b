"""PUBLISH: records, dumps, site and stores, written atomically into the output folder."""
