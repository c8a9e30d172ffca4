"""Samtrygg: crime prevention and safety work for Swedish municipalities."""
