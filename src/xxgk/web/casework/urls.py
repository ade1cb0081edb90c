from django.urls import path

from xxgk.web.casework import views

app_name = "casework"
urlpatterns = [
    path("", views.open_list, name="open_list"),
    path("new/", views.new, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/do/<str:event>/", views.transition, name="transition"),
    path("<int:pk>/attach/", views.attach, name="attach"),
    path("<int:pk>/attachments/<int:att>/", views.attachment, name="attachment"),
    path("<int:pk>/answer.txt", views.answer_document, name="answer"),
    path("<int:pk>/fee-notice.txt", views.fee_notice, name="fee_notice"),
    path("table3/<slug:code>/<int:year>/", views.table3, name="table3"),
]
