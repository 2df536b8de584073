"""gunicorn settings for the production image (Dockerfile: gunicorn -c gunicorn.conf.py).

The access log never contains a client address: no %(h)s (the connection's
address), no X-Forwarded-For, no User-Agent or Referer, and the path without
its query string (search terms, the participation outcome). Time, method,
path, status, size and duration are enough to run the site.
"""

import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
accesslog = "-"
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'
# X-Forwarded-Proto (https) is honoured only from the same proxies Django trusts
# for X-Forwarded-For (TRUSTED_PROXIES; gunicorn's own default otherwise).
forwarded_allow_ips = os.environ.get("TRUSTED_PROXIES") or "127.0.0.1,::1"
