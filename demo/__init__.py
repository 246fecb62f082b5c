"""Demo data for ``make run``: fictional narratives, messages, users and partner keys.

It fills every app, so it sits above them all (like ``evidence``); no app imports it.
"""
