"""The disclosure ledger (公开台账): per agency and period, every record published, changed or
withdrawn, every request received or concluded and every letter answered, read from the history
tables so that a past period always reads the same (docs/ledger.md)."""
