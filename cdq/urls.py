from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from cdq import figures_views, views

# The admin has no password form of its own: staff log in by e-mail code like everyone,
# with the same rate limits; a logged-in person who is not staff is refused.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("figures/", figures_views.figures, name="figures"),
    path("figures/<int:year>.csv", figures_views.figures_csv, name="figures_csv"),
    path("figures/public/", figures_views.public_figures, name="public_figures"),
    path("accounts/", include("allauth.urls")),
    path("me/", include("accounts.urls")),
    path("", include("groups.urls")),
    path("cooking/", include("portions.urls")),
    path("recipes/", include("recipes.urls")),
    path("events/", include("events.urls")),
    path("facilitation/", include("groups.followup_urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
