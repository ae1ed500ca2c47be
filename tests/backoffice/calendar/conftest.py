"""The calendar's fixtures (tests/workdays/conftest.py) for the pages of the staff desk."""

from tests.workdays.conftest import published

__all__ = ["published"]
