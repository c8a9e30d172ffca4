"""Samtrygg's own date and number formats per language (``FORMAT_MODULE_PATH``)."""
