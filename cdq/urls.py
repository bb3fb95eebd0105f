from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.static import serve

from cdq import views
from portions import views as portions_views

# The admin has no password form of its own: staff log in by e-mail code like everyone,
# with the same rate limits; a logged-in person who is not staff is refused.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("figures/", include("figures.urls")),
    path("accounts/", include("allauth.urls")),
    path("me/", include("accounts.urls")),
    path("", include("groups.urls")),
    # A group's page shows its sessions and portion counter too: it lives on that floor.
    path("groups/<slug:slug>/", portions_views.group, name="group"),
    path("cooking/", include("portions.urls")),
    path("recipes/", include("recipes.urls")),
    path("events/", include("events.urls")),
    path("facilitation/", include("facilitation.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    # Development only: uploads are served like the proxy serves them, to anyone.
    urlpatterns += static(
        settings.MEDIA_URL, view=login_not_required(serve), document_root=settings.MEDIA_ROOT
    )
