"""Families on arrays of ints."""

FAMILIES = []
