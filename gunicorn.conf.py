"""Gunicorn's settings; gunicorn reads ./gunicorn.conf.py by default, and config/supervisord.conf
(`make run`) and deploy/systemd/cms-web.service name it.

The access log keeps, for each request: client address, time, method, path without its query
string, protocol, status, size, duration and user agent. Never the query string or the
referrer: search terms typed into the admin and review search boxes (names, places) travel
there, and a log line outlives any erasure.
"""

accesslog = "-"
access_log_format = '%(h)s - - %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms "%(a)s"'


def pre_fork(server, worker):
    """Freeze what the arbiter has loaded before it forks a worker: with ``--preload``
    (config/supervisord.conf, deploy/systemd/cms-web.service) that is Django, the app and the
    leak scanner's gazetteer (config/wsgi.py). Long-lived, so a worker's full collections do
    not walk it (unfrozen, walking it alone takes about 60 ms with the gazetteer, 30 ms
    without), and the collector does not write to the pages the workers share."""
    import gc

    gc.freeze()


# The collector's thresholds in a worker (Python's default: 700, 10, 10). With start-up frozen
# and requests leaving no cycles (issue 19), what a full collection finds is next to nothing;
# run it a tenth as often (bench/api.py --gc-threshold compares).
WORKER_GC_THRESHOLD = (700, 10, 100)


def post_fork(server, worker):
    import gc

    gc.set_threshold(*WORKER_GC_THRESHOLD)
    server.log.info(
        "worker %s: %d start-up objects frozen, collector thresholds %s",
        worker.pid,
        gc.get_freeze_count(),
        gc.get_threshold(),
    )
