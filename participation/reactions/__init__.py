"""Reactions: «Me gusta» / «No me gusta» on targets, one per participant and
target; burst flags (abuse.py) and the admin reports (admin_views.py)."""
