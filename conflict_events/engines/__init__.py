"""The batch conversion job on existing distributed engines (Dask)."""
