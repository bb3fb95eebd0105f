"""Sign-up through a group's invitation: allauth's adapter as the settings name it."""

from django.contrib import messages
from django.http import HttpRequest

from accounts.adapter import AccountAdapter
from groups.models import Invitation
from groups.services import GroupError, accept_invitation


class InvitationAccountAdapter(AccountAdapter):
    """No open sign-up: people join through a group's invitation, and are in the group
    once their account exists."""

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
