"""Renderers: an AnnualReport → text, Markdown, HTML, DOCX, XLSX in the official layout."""
