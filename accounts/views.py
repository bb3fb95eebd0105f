from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.forms import ProfileForm
from accounts.http import AuthenticatedHttpRequest
from core.http import remember_language


@login_required
@require_http_methods(["GET", "POST"])
def me(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The person's own page: name, phone, language, and the way out."""
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        translation.activate(user.language)
        messages.success(request, _("Saved."))
        response = redirect("accounts:me")
        remember_language(response, user.language)
        return response
    return render(request, "accounts/me.html", {"form": form})
