"""Questionnaires (民意调查): surveys of an agency, citizens' responses and their results."""
