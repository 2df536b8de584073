"""Parties, coalitions, independent candidacies, platforms and the candidacy list."""
