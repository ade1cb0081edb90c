import os

# Playwright's sync API and the Django ORM in one process (live_server tests).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
