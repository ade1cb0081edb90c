from django.urls import path

from xxgk.web.annual import views

app_name = "annual"
urlpatterns = [
    path("<slug:code>/<int:year>/", views.workspace, name="workspace"),
    path("<slug:code>/<int:year>/report.<str:fmt>", views.download, name="download"),
]
