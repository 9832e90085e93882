"""Long work off the request: imports, results uploads, large exports, periodic jobs.

``submit`` queues a job (the database is the queue: django-tasks' database backend, so
any number of workers on any number of machines share it, and SQLite stays the embedded
default); ``manage.py db_worker`` runs them. A kind of job is registered by the app that
owns the work (``register`` in the app's ``jobs`` module) and runs all or nothing.
"""
