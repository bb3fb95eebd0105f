from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path

from cdq import views

# The admin logs in through the same e-mail code (and rate limits) as everyone else.
admin.site.login = login_required(admin.site.login)

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("accounts/", include("allauth.urls")),
    path("me/", include("accounts.urls")),
    path("cooking/", include("portions.urls")),
    path("recipes/", include("recipes.urls")),
    path("events/", include("events.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
