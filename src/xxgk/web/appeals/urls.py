from django.urls import path

from xxgk.web.appeals import views

app_name = "appeals"
urlpatterns = [
    path("case/<int:pk>/conclude/", views.conclude, name="conclude"),
    path("case/<int:pk>/application/", views.link_application, name="link_application"),
    path("<slug:code>/", views.case_list, name="cases"),
]
