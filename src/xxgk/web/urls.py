"""URL map: admin, back office per app, the JSON API (Swagger at /api/docs)."""

from django.contrib import admin
from django.urls import include, path

from xxgk.web.api import api
from xxgk.web.home import home

admin.site.site_header = "xxgk 信息公开 管理后台"
admin.site.site_title = "xxgk 信息公开"
admin.site.index_title = "后台管理"

urlpatterns = [
    path("", home, name="home"),
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),  # staff log in here (no is_staff needed)
    path("casework/", include("xxgk.web.casework.urls")),
    path("disclosure/", include("xxgk.web.disclosure.urls")),
    path("appeals/", include("xxgk.web.appeals.urls")),
    path("annual/", include("xxgk.web.annual.urls")),
    path("api/", api.urls),
]
