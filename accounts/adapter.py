from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest
from django.utils import translation

from accounts.models import User
from groups.models import Invitation
from groups.services import GroupError, accept_invitation


class AccountAdapter(DefaultAccountAdapter):
    """How allauth fits the movement: no open sign-up, the person's own language."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # People join through a group's invitation, never on their own.
        return self._invitation(request) is not None

    @staticmethod
    def _invitation(request: HttpRequest):
        token = request.session.get("invitation")
        invitation = Invitation.objects.filter(token=token).select_related("group").first()
        if invitation is None or invitation.state != Invitation.State.VALID:
            return None
        return invitation

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.display_name = form.cleaned_data["display_name"]
        user.language = form.cleaned_data["language"]
        if commit:
            user.save()
            self._join_invited_group(request, user)
        return user

    def _join_invited_group(self, request, user) -> None:
        token = request.session.get("invitation")
        try:
            accept_invitation(token, user)
        except GroupError as refusal:
            # The last place went to someone else meanwhile: the account stays.
            self.add_message(request, messages.WARNING, message=refusal.message)

    def get_signup_redirect_url(self, request: HttpRequest) -> str:
        invitation = Invitation.objects.filter(token=request.session.get("invitation")).first()
        if invitation is not None:
            return invitation.group.get_absolute_url()
        return super().get_signup_redirect_url(request)

    # The page that follows already says it, in shorter words.
    SILENT_MESSAGES = frozenset({"account/messages/login_code_sent.txt"})

    def add_message(self, request, level, message_template=None, *args, **kwargs):
        if message_template in self.SILENT_MESSAGES:
            return
        super().add_message(request, level, message_template, *args, **kwargs)

    def send_mail(self, template_prefix, email, context):
        # Mail speaks the person's language, whatever page they asked from.
        language = (
            User.objects.filter(email=email.lower()).values_list("language", flat=True).first()
        )
        with translation.override(language or translation.get_language()):
            super().send_mail(template_prefix, email, context)

    def post_login(self, request, user, **kwargs):
        response = super().post_login(request, user, **kwargs)
        # A language picked just before logging in is the person's choice: keep it on the
        # account. Otherwise the account's language follows them to any phone.
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen in dict(settings.LANGUAGES) and chosen != user.language:
            user.language = chosen
            user.save(update_fields=["language"])
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            user.language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
        )
        return response
