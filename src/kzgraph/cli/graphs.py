"""Placeholder until the graphs commands land (stub created by the views work)."""

COMMANDS = []
