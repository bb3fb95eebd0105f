from datetime import datetime, timedelta

from django.utils import timezone

from groups.models import KitchenBooking


def next_monday_at(hour: int):
    today = timezone.localdate()
    monday = today + timedelta(days=7 - today.weekday())
    return timezone.make_aware(datetime.combine(monday, datetime.min.time()).replace(hour=hour))


def test_access_instructions_are_for_the_groups_that_cook_there(
    client_as, group, other_group, kitchen
):

    assert "Code du cadenas" in client_as("member").get("/kitchens/cbo/").text
    assert "Code du cadenas" not in client_as("outsider").get("/kitchens/cbo/").text
    assert "Code du cadenas" in client_as("facilitator").get("/kitchens/cbo/").text


def test_the_week_is_a_list_of_days_in_words_with_the_bookings(client_as, group, referent, kitchen):
    start = next_monday_at(9)
    KitchenBooking.objects.create(
        kitchen=kitchen, group=group, starts_at=start, ends_at=start + timedelta(hours=5)
    )

    response = client_as("member").get("/kitchens/cbo/", {"week": start.date().isoformat()})

    assert "lundi" in response.text and "dimanche" in response.text
    assert "09:00–14:00 · Ça Chauffe" in response.text
    assert response.text.count("Libre") == 6


def test_a_referent_books_the_kitchen_for_her_group(client_as, group, kitchen):
    day = next_monday_at(0).date()

    response = client_as("referent").post(
        "/kitchens/cbo/book/",
        {"group": group.pk, "day": day.isoformat(), "start": "09:00", "end": "13:00"},
    )

    assert response.status_code == 302
    booking = KitchenBooking.objects.get(kitchen=kitchen)
    assert timezone.localtime(booking.starts_at).hour == 9


def test_an_overlapping_booking_is_refused_with_a_clear_message_and_the_form_kept(
    client_as, group, kitchen
):
    start = next_monday_at(9)
    KitchenBooking.objects.create(
        kitchen=kitchen, group=group, starts_at=start, ends_at=start + timedelta(hours=4)
    )

    response = client_as("referent").post(
        "/kitchens/cbo/book/",
        {"group": group.pk, "day": start.date().isoformat(), "start": "12:00", "end": "15:00"},
    )

    assert response.status_code == 200
    assert "déjà réservée" in response.text
    assert 'value="12:00"' in response.text
    assert KitchenBooking.objects.count() == 1


def test_a_referent_cannot_book_for_another_group(client_as, group, other_group, kitchen):
    day = next_monday_at(0).date()

    response = client_as("referent").post(
        "/kitchens/cbo/book/",
        {"group": other_group.pk, "day": day.isoformat(), "start": "09:00", "end": "13:00"},
    )

    assert response.status_code == 200
    assert not KitchenBooking.objects.exists()


def test_the_kitchen_page_lists_the_groups_cooking_there_and_its_food_hub(
    client_as, group, other_group, kitchen, max_queries
):
    from groups.models import FoodHub

    hub = FoodHub.objects.create(name="Pôle Jette", slug="pole-jette", kitchen=kitchen)
    other_group.food_hub = hub
    other_group.save()
    client = client_as("outsider")

    with max_queries():
        response = client.get("/kitchens/cbo/")

    assert "Pôle Jette" in response.text
    assert "Ça Chauffe" in response.text and "Les Mosaïques de Saveurs" in response.text
    # The outsider cooks here through the food hub: they may know how to get in.
    assert "Code du cadenas" in response.text
