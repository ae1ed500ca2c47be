"""Replies prepared, reviewed and signed before they are sent (docs/workflows.md#replies)."""
