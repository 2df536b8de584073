"""Citizen ideas: the form, moderation in the admin, and delivery of the
accepted ideas to the parties (with the notices to their authors)."""
