"""Sunshine (阳光政务): an open-source platform for government affairs openness."""
