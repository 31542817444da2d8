"""Families on strings."""

FAMILIES = []
