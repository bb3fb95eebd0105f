from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest
from django.utils import translation

from accounts.models import User
from cdq.http import remember_language
from groups.models import Invitation
from groups.services import GroupError, accept_invitation


class AccountAdapter(DefaultAccountAdapter):
    """How allauth fits the movement: no open sign-up, the person's own language."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # People join through a group's invitation, never on their own.
        invitation = self._invitation(request)
        return invitation is not None and invitation.state == Invitation.State.VALID

    @staticmethod
    def _invitation(request: HttpRequest) -> Invitation | None:
        """The invitation this visitor opened (see groups.views.join), whatever its state."""
        token = request.session.get("invitation")
        return Invitation.objects.filter(token=token).select_related("group").first()

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
        # The new person may have used the invitation's last place: still their group.
        invitation = self._invitation(request)
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
        remember_language(response, user.language)
        return response
