"""Open data (/datos/) and the read-only API (/api/v2/): every public dataset as
CSV, JSON and a page, from one registry (datasets.py)."""
