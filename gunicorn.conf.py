"""Gunicorn's settings; gunicorn reads ./gunicorn.conf.py by default, and config/supervisord.conf
(`make run`) and deploy/systemd/cms-web.service name it.

The access log keeps, for each request: client address, time, method, path without its query
string, protocol, status, size, duration and user agent. Never the query string or the
referrer: search terms typed into the admin and review search boxes (names, places) travel
there, and a log line outlives any erasure.
"""

accesslog = "-"
access_log_format = '%(h)s - - %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms "%(a)s"'
