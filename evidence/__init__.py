"""The evidence dashboard: disclosure-controlled figures about approved testimony and its use.

It reads every app below it (narratives, campaigns, partners); no app reads it.
"""
