"""Demo and benchmark data: the demo city with its records and requests (``demo_data``,
``demo_records``, ``demo_requests``) and large synthetic data sets (``generate``).

An optional app: production may leave it out of ``INSTALLED_APPS`` (``SUNSHINE_DEMO_APP=0``), and no
production module imports it (tests/test_import_rules.py). It has no models.
"""
