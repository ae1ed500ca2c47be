"""The reply to a letter: its draft, review and sign-off, and the agencies' reply templates."""
