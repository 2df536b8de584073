"""The tool's own statistics (issue 17): consultations counted in daily buckets,
participation totals over every target, shown live to IEEM staff in the admin
and to the public at /estadisticas/ from the calendar's «Estadísticas públicas
desde». Never a figure of one party, coalition, candidacy, platform or proposal.
"""
