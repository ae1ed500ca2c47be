"""The annual report's fixtures (tests/annualreports/conftest.py) for the back-office pages."""

from tests.annualreports.conftest import people

__all__ = ["people"]
