"""Sharing one server: limits, the training queue, session owners, isolated readers."""
