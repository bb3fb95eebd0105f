def test_the_admin_sends_a_visitor_to_the_same_login_by_code(client, db):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    response = client.get(response["Location"])
    assert response["Location"].startswith("/accounts/login/code/?next=")


def test_a_cook_cannot_open_the_admin(client_as):
    client = client_as("member")

    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    assert client.get("/admin/accounts/user/")["Location"].startswith("/admin/login/")


def test_the_coordinator_opens_the_admin_and_finds_the_people(client_as):
    response = client_as("coordinator").get("/admin/accounts/user/")

    assert response.status_code == 200
    assert b"Claire Lambert" in response.content
