from django.urls import path

from xxgk.web.casework import views

app_name = "casework"
urlpatterns = [
    path("", views.open_list, name="open_list"),
]
