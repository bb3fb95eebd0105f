from groups.models import Group, GroupStatusChange, Membership
from groups.services import add_member_without_email


def test_the_member_home_lists_her_groups_first(client_as, group, max_queries):
    client = client_as("member")

    with max_queries():
        response = client.get("/")

    assert 'href="/groups/ca-chauffe/"' in response.text
    assert response.text.index("Ça Chauffe") < response.text.index("Prochaine session")


def test_a_person_without_a_group_is_told_how_to_get_one(client_as, db):
    response = client_as("member").get("/")

    assert "Vous n'êtes pas encore dans un groupe" in response.text


def test_the_group_page_shows_first_names_and_initials_and_only_agreed_phones(
    client_as, group, member, referent
):
    member.phone = "0470 11 11 11"
    member.save()
    referent.phone = "0470 22 22 22"
    referent.save()
    Membership.objects.filter(person=referent).update(share_phone=True)

    response = client_as("member").get("/groups/ca-chauffe/")

    assert "Amina" in response.text and "Benali" not in response.text
    assert ">AB<" in response.text
    assert "0470 22 22 22" in response.text
    assert "0470 11 11 11" not in response.text


def test_the_public_directory_shows_cards_without_member_names(client, group):
    response = client.get("/groups/")

    assert "Ça Chauffe" in response.text
    assert "Schaerbeek" in response.text
    assert "Amina" not in response.text and "Rosa" not in response.text


def test_a_status_change_is_dated_in_the_history(client_as, group, referent):
    client_as("referent").post("/groups/ca-chauffe/status/", {"status": "dormant", "note": "été"})

    group.refresh_from_db()
    assert group.status == Group.Status.DORMANT
    latest = GroupStatusChange.objects.filter(group=group).first()
    assert (latest.status, latest.changed_by, latest.note) == ("dormant", referent, "été")


def test_the_referent_adds_a_member_without_email_who_appears_in_the_group(client_as, group):
    client = client_as("referent")

    response = client.post("/groups/ca-chauffe/members/", {"display_name": "Fatima Zahra"})

    assert response.status_code == 302
    fatima = group.memberships.current().get(person__display_name="Fatima Zahra").person
    assert fatima.email is None and not fatima.can_log_in
    assert "Fatima" in client_as("member").get("/groups/ca-chauffe/").text


def test_an_empty_name_is_refused_and_nothing_is_created(client_as, group):
    response = client_as("referent").post("/groups/ca-chauffe/members/", {"phone": "0470"})

    assert response.status_code == 200
    assert "Ce champ est obligatoire." in response.text
    assert 'value="0470"' in response.text
    assert group.memberships.current().count() == 2


def test_an_email_attached_later_lets_the_member_log_in(client_as, group):
    fatima = add_member_without_email(group, display_name="Fatima").person
    membership = group.memberships.get(person=fatima)

    client_as("referent").post(
        f"/groups/ca-chauffe/members/{membership.pk}/",
        {"action": "email", "email": "Fatima@Example.org"},
    )

    fatima.refresh_from_db()
    assert fatima.email == "fatima@example.org" and fatima.can_log_in


def test_leaving_needs_a_confirmation_and_keeps_the_history(client_as, group, member):
    membership = group.memberships.get(person=member)
    client = client_as("referent")
    url = f"/groups/ca-chauffe/members/{membership.pk}/"

    client.post(url, {"action": "leave"})
    membership.refresh_from_db()
    assert membership.left_on is None

    client.post(url, {"action": "leave", "confirm": "on"})
    membership.refresh_from_db()
    assert membership.left_on is not None
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert client_as("member").get("/groups/ca-chauffe/").status_code == 404


def test_the_last_referent_cannot_leave_or_step_down(client_as, group, referent):
    membership = group.memberships.get(person=referent)
    client = client_as("referent")

    response = client.post(
        f"/groups/ca-chauffe/members/{membership.pk}/",
        {"action": "role", "role": "member"},
        follow=True,
    )

    assert "au moins une personne référente" in response.text
    membership.refresh_from_db()
    assert membership.role == "referent"


def test_the_overview_filters_by_status_and_commune(client_as, group, other_group):
    Group.objects.filter(pk=other_group.pk).update(status="dormant")
    client = client_as("coordinator")

    response = client.get("/groups/overview/", {"status": "dormant"})

    assert "Les Mosaïques de Saveurs" in response.text
    assert "Ça Chauffe" not in response.text
    response = client.get("/groups/overview/", {"commune": "jette"})
    assert "Aucun groupe" in response.text


def test_a_facilitator_overview_lists_only_the_followed_groups(client_as, group, other_group):
    response = client_as("facilitator").get("/groups/overview/")

    assert "Les Mosaïques de Saveurs" in response.text
    assert "Ça Chauffe" not in response.text


def test_a_hostile_logo_is_refused_with_a_message_and_nothing_saved(client_as, group):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), "orange").save(buffer, "PNG")
    polyglot = buffer.getvalue() + b"<html><script>alert(1)</script></html>"
    client = client_as("referent")

    response = client.post(
        "/groups/ca-chauffe/settings/",
        {
            "name": "Ça Chauffe",
            "commune": "schaerbeek",
            "frequency": "monthly",
            "pricing": "session",
            "settling": "fewest",
            "logo": SimpleUploadedFile("logo.png", polyglot, content_type="image/png"),
        },
    )

    assert response.status_code == 200
    assert "données cachées" in response.text
    group.refresh_from_db()
    assert not group.logo


def test_a_good_logo_is_re_encoded_under_a_new_name(client_as, group, settings, tmp_path):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), "orange").save(buffer, "JPEG")

    response = client_as("referent").post(
        "/groups/ca-chauffe/settings/",
        {
            "name": "Ça Chauffe",
            "commune": "schaerbeek",
            "frequency": "monthly",
            "pricing": "session",
            "settling": "fewest",
            "logo": SimpleUploadedFile("../../evil name.jpg", buffer.getvalue()),
        },
    )

    assert response.status_code == 302
    group.refresh_from_db()
    assert group.logo.name.startswith("groups/") and "evil" not in group.logo.name
    assert Image.open(group.logo.path).size == (40, 40)


def test_a_status_changed_in_the_admin_is_dated_in_the_history(rf, group, coordinator):
    from django.contrib.admin.sites import site

    class ChangedStatus:
        changed_data = ["status"]

    request = rf.post("/admin/")
    request.user = coordinator
    group.status = Group.Status.DORMANT

    site._registry[Group].save_model(request, group, ChangedStatus(), change=True)

    latest = GroupStatusChange.objects.filter(group=group).first()
    assert (latest.status, latest.changed_by) == ("dormant", coordinator)
    assert GroupStatusChange.objects.filter(group=group).count() == 2
