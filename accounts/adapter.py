from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils import translation

from accounts.models import User
from core.http import remember_language


class AccountAdapter(DefaultAccountAdapter):
    """How allauth fits the movement: the person's own language, fewer messages. (Who may
    sign up, through a group's invitation, is `groups.adapter`, a floor above.)"""

    def is_open_for_signup(self, request) -> bool:
        return False  # closed, unless a floor above opens it (groups: an invitation)

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
