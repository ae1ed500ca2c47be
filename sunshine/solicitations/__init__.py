"""Opinion solicitation (意见征集): a draft put out for public comment, the comments moderated and
published with personal data masked, and the feedback on their adoption (docs/solicitations.md)."""
