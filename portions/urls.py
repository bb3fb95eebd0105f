from django.urls import path

from portions import printing, views

app_name = "portions"
urlpatterns = [
    path("", views.index, name="index"),
    path("transfers/<int:pk>/paid/", views.transfer_paid, name="transfer_paid"),
    path("transfers/<int:pk>/confirm/", views.transfer_confirm, name="transfer_confirm"),
    path("<slug:slug>/new/", views.new_session, name="new_session"),
    path("<slug:slug>/accounts/", views.accounts, name="accounts"),
    path("<slug:slug>/ledger.csv", printing.ledger_csv, name="ledger_csv"),
    path("<slug:slug>/<int:pk>/", views.session, name="session"),
    path("<slug:slug>/<int:pk>/order/", views.order, name="order"),
    path("<slug:slug>/<int:pk>/edit/", views.edit_session, name="edit_session"),
    path("<slug:slug>/<int:pk>/orders/", views.orders, name="orders"),
    path("<slug:slug>/<int:pk>/status/", views.status, name="status"),
    path("<slug:slug>/<int:pk>/receipts/", views.receipts, name="receipts"),
    path("<slug:slug>/<int:pk>/taken/", views.taken, name="taken"),
    path("<slug:slug>/<int:pk>/settle/", views.settle, name="settle"),
    path("<slug:slug>/<int:pk>/reopen/", views.reopen, name="reopen"),
    path("<slug:slug>/<int:pk>/shopping/", printing.shopping, name="shopping"),
    path("<slug:slug>/<int:pk>/labels.pdf", printing.labels, name="labels"),
    path("<slug:slug>/<int:pk>/accounts.csv", printing.session_csv, name="session_csv"),
]
