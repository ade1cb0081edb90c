from django.urls import path

from xxgk.web.disclosure import views

app_name = "disclosure"
urlpatterns = [
    path("item/<int:pk>/", views.item_detail, name="item"),
    path("item/<int:pk>/transition/", views.item_transition, name="transition"),
    path("item/<int:pk>/channel/", views.item_add_channel, name="add_channel"),
    path("item/<int:pk>/edit/", views.item_edit, name="edit"),
    path("<slug:code>/", views.item_list, name="items"),
    path("<slug:code>/guide/", views.public_guide, name="guide"),
    path("<slug:code>/catalogue/", views.public_catalogue, name="catalogue"),
    path("<slug:code>/categories/", views.categories, name="categories"),
    path("<slug:code>/pages/<slug:kind>/", views.page_edit, name="page_edit"),
]
