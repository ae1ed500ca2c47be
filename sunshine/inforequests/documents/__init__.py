"""The documents an agency sends about a request (依申请公开): receipt, correction notice, consultation
letter, extension notice and reply notice, from editable plain-text templates, as PDF or DOCX.

- ``kinds``: the kinds as data and what state of the request each needs;
- ``context``: the facts a template may use (dates in Chinese, legal basis per outcome, remedies);
- ``blocks``: the paragraph layout of a rendered template;
- ``render``: template → blocks → bytes (``pdf_output`` with fpdf2, ``docx_output`` with python-docx);
- ``fonts``: the CJK font for PDF, found on the machine;
- ``services``: making a document for staff or the applicant, with an audit row;
- ``responses``: a document as a download.

See docs/documents.md.
"""
