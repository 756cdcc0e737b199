from django.urls import path

from console.pools import views

app_name = "pools"
urlpatterns = [
    path("", views.pool_list, name="list"),
    path("switch/", views.pool_switch, name="switch"),
    path("new/", views.pool_new, name="new"),
    path("<pool:pool_id>/", views.pool_detail, name="detail"),
    path("<pool:pool_id>/edit/", views.pool_edit, name="edit"),
    path("<pool:pool_id>/attributes/new/", views.pool_attribute_new, name="attribute_new"),
    path("<pool:pool_id>/delete/", views.pool_remove, name="delete"),
    path("<pool:pool_id>/clients/new/", views.client_new, name="client_new"),
    path("<pool:pool_id>/clients/<str:client_id>/", views.client_detail, name="client"),
    path("<pool:pool_id>/clients/<str:client_id>/created/", views.client_created, name="client_created"),
    path("<pool:pool_id>/clients/<str:client_id>/edit/", views.client_edit, name="client_edit"),
    path("<pool:pool_id>/clients/<str:client_id>/delete/", views.client_remove, name="client_delete"),
    path("<pool:pool_id>/domain/", views.domain_new, name="domain_new"),
    path("<pool:pool_id>/domain/delete/", views.domain_remove, name="domain_delete"),
]
