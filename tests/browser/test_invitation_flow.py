import re

from django.core import mail
from playwright.sync_api import Browser, Page, expect

from accounts.models import User
from tests.browser.conftest import JAVASCRIPT_OFF, PHONE, assert_accessible, log_in

CODE = re.compile(r"\b[A-Z0-9]{4}-[A-Z0-9]{4}\b")


def test_a_referent_invites_by_qr_code_and_the_new_cook_signs_up_and_lands_in_the_group(
    phone: Page, browser: Browser, live_server, group, referent, javascript
):
    log_in(phone, live_server, referent)
    phone.goto(live_server.url + "/groups/ca-chauffe/")
    phone.get_by_role("link", name="Gérer le groupe").click()
    phone.get_by_role("link", name="Inviter").click()
    assert_accessible(phone)
    phone.get_by_role("button", name="Créer une invitation").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Rejoindre Ça Chauffe")
    qr = phone.get_by_role("img", name="Code QR du lien d'invitation")
    expect(qr.locator("svg")).to_be_visible()
    assert qr.bounding_box()["width"] >= 200  # big enough to scan from across a kitchen
    assert_accessible(phone)
    link = phone.locator(".link-box a").get_attribute("href")
    assert re.search(r"/groups/join/[\w-]+/$", link)

    # The new cook's own phone.
    context = browser.new_context(**PHONE, java_script_enabled=javascript)
    newcomer = context.new_page()
    if not javascript:
        JAVASCRIPT_OFF.add(id(newcomer))
    newcomer.goto(link)
    expect(newcomer.get_by_role("heading", level=1)).to_have_text("Rejoindre Ça Chauffe")
    assert_accessible(newcomer)
    newcomer.get_by_role("link", name="Créer mon compte").click()

    expect(newcomer.get_by_role("heading", level=1)).to_have_text("Créer mon compte")
    assert_accessible(newcomer)
    newcomer.get_by_label("Mon nom").fill("Karim Saidi")
    newcomer.get_by_label("Mon e-mail").fill("karim@example.org")
    newcomer.get_by_label("Ma langue").select_option("fr")
    newcomer.get_by_role("button", name="Créer mon compte").click()

    assert_accessible(newcomer)
    code = CODE.search(mail.outbox[-1].body).group()
    assert mail.outbox[-1].to == ["karim@example.org"]
    newcomer.get_by_label("Code").fill(code)
    newcomer.get_by_role("button", name="Confirmer").click()

    expect(newcomer.get_by_role("heading", level=1)).to_have_text("Ça Chauffe")
    expect(
        newcomer.get_by_role("region", name="2 membres").or_(
            newcomer.get_by_role("region", name="3 membres")
        )
    ).to_contain_text("Karim")
    assert_accessible(newcomer)
    karim = User.objects.get(email="karim@example.org")
    assert group.memberships.current().filter(person=karim).exists()
    JAVASCRIPT_OFF.discard(id(newcomer))
    context.close()
