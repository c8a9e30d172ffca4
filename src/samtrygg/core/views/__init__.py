"""Pages of the core app: the start page, glossary, accessibility and health; the audit pages."""
