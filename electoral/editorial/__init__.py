"""Party editor accounts and IEEM moderation.

- groups.py: IEEM groups, one isolated "Editores <siglas>" group per actor.
- workflow.py: the "Revisión IEEM" workflow on /partidos/.
- review.py: the date IEEM approved a page's live version.
- accounts.py: issuing, resetting and exporting party accounts.
- digest.py: the daily digest for moderators.
- audit.py, report.py: audit-log actions and the per-actor audit report.
- admin_hooks.py, middleware.py: what a party editor sees in the admin.
"""
