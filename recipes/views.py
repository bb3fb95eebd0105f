from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cdq.http import AuthenticatedHttpRequest


@login_required
@require_GET
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "recipes/index.html")
