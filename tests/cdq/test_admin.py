from django.contrib.auth.hashers import make_password


def test_the_admin_sends_a_visitor_to_the_same_login_by_code(client, db):
    response = client.get("/admin/")

    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response["Location"].startswith("/accounts/login/code/?next=")


def test_the_admin_has_no_password_form_to_guess_at(client_as, coordinator):
    coordinator.password = make_password("the coordinators secret 42")
    coordinator.save(update_fields=["password"])
    client = client_as("member")

    # Neither a cook nor anyone else gets a password form there.
    assert client.get("/admin/login/").status_code == 403
    response = client.post(
        "/admin/login/",
        {"username": "coordination@example.org", "password": "the coordinators secret 42"},
    )
    assert response.status_code == 403
    assert not response.wsgi_request.user.is_staff
    assert client.get("/admin/accounts/user/").status_code == 302


def test_the_coordinator_opens_the_admin_and_finds_the_people(client_as):
    response = client_as("coordinator").get("/admin/accounts/user/")

    assert response.status_code == 200
    assert b"Claire Lambert" in response.content
