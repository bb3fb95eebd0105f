from urllib.parse import quote

from hypothesis import given
from hypothesis import strategies as st

from cdq.settings import database_from_url

words = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30)
hosts = st.from_regex(r"[a-z][a-z0-9-]{0,20}(\.[a-z]{2,6})?", fullmatch=True)


@given(user=words, password=words, host=hosts, port=st.integers(1, 65535), name=words)
def test_any_credentials_survive_the_trip_through_database_url(user, password, host, port, name):
    user_q, password_q, name_q = (quote(part, safe="") for part in (user, password, name))
    url = f"postgres://{user_q}:{password_q}@{host}:{port}/{name_q}"

    db = database_from_url(url)

    assert (db["USER"], db["PASSWORD"], db["HOST"], db["PORT"], db["NAME"]) == (
        user,
        password,
        host,
        str(port),
        name,
    )
