"""The calendar's fixture (tests/workdays/conftest.py) for the public calendar pages."""

from tests.workdays.conftest import published

__all__ = ["published"]
