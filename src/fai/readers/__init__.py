"""One reader per kind of input file (NBS portal export, bureau table, tidy CSV, bundled data)."""
