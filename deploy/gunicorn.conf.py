"""gunicorn settings of an app node: ``gunicorn -c deploy/gunicorn.conf.py remacto.wsgi``.

Sync workers (the pages are short database reads; PDFs and imports run in Celery), recycled after a number of
requests so a slow leak can never grow; every value can be changed through the environment of the service.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Two workers a core plus one is gunicorn's advice; each holds one PostgreSQL connection (CONN_MAX_AGE).
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count() + 1))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
keepalive = 5
max_requests = 1000
max_requests_jitter = 100
# The load balancer's address: gunicorn then trusts its X-Forwarded-Proto (Django's TRUSTED_PROXIES decides for
# X-Forwarded-For).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
limit_request_line = 8190
accesslog = "-"
errorlog = "-"
# No query strings in the access log: search words and tokens in links are personal data. No client address either:
# behind nginx it would be nginx's, and nginx's own log keeps the client's network only (deploy/nginx/remacto.conf).
access_log_format = '"%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
