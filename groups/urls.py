from django.urls import path

from groups import views

app_name = "groups"
urlpatterns = [
    path("groups/", views.directory, name="directory"),
    path("groups/overview/", views.overview, name="overview"),
    path("groups/join/<str:token>/", views.join, name="join"),
    path("groups/<slug:slug>/settings/", views.settings, name="settings"),
    path("groups/<slug:slug>/status/", views.status, name="status"),
    path("groups/<slug:slug>/members/", views.members, name="members"),
    path("groups/<slug:slug>/members/<int:pk>/", views.membership, name="membership"),
    path("groups/<slug:slug>/invitations/", views.invitations, name="invitations"),
    path("groups/<slug:slug>/invitations/<int:pk>/", views.invitation, name="invitation"),
    path("groups/<slug:slug>/invitations/<int:pk>/cancel/", views.revoke, name="revoke"),
    path("kitchens/", views.kitchens, name="kitchens"),
    path("kitchens/bookings/<int:pk>/cancel/", views.cancel, name="cancel_booking"),
    path("kitchens/<slug:slug>/", views.kitchen, name="kitchen"),
    path("kitchens/<slug:slug>/book/", views.book, name="book"),
]
