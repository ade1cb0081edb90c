"""The web project (Django): registers, back office and API.

One app per concern: ``xxgk.web.agencies`` (agency tree, staff), ``xxgk.web.casework``
(applications, clock, audit log, table 三 from the register).  Later apps
(``disclosure``, ``appeals``, ``annual``, ``supervision``, ``portal``) plug into
``settings.XXGK_APPS`` and ``urls.py`` the same way.
"""
