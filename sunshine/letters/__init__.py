"""Letters (信件): consultations, complaints, suggestions, reports, the leaders' mailbox and complaints
about disclosure, each answered within a period of working days (docs/letters.md)."""
