"""A long agenda is read AGENDA_PAGE_SIZE items a page: an item's address names its page, and
the first and last items of a page can still move across the page boundary."""

import re

import pytest

from steerco.meetings.models import AGENDA_PAGE_SIZE, AgendaItem


@pytest.fixture
def long_agenda(meeting):
    """The meeting's standing items, then enough further items to fill two pages and start a
    third."""
    first = meeting.items.count() + 1
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, position=position, title=f"Business item {position}")
        for position in range(first, 2 * AGENDA_PAGE_SIZE + 2)
    )
    meeting.refresh_from_db()  # bulk_create saves no item one by one: a stamp of its own
    return list(meeting.items.order_by("position"))


def test_an_item_address_names_the_page_of_the_agenda_it_is_on(meeting, long_agenda):
    meeting_url = meeting.get_absolute_url()
    addresses = [
        item.get_absolute_url()
        for item in (
            long_agenda[0],
            long_agenda[AGENDA_PAGE_SIZE - 1],
            long_agenda[AGENDA_PAGE_SIZE],
            long_agenda[-1],
        )
    ]
    assert addresses == [
        f"{meeting_url}#item-{long_agenda[0].pk}",
        f"{meeting_url}#item-{long_agenda[AGENDA_PAGE_SIZE - 1].pk}",
        f"{meeting_url}?page=2#item-{long_agenda[AGENDA_PAGE_SIZE].pk}",
        f"{meeting_url}?page=3#item-{long_agenda[-1].pk}",
    ]


def test_an_item_address_opens_the_page_that_shows_the_item(client, secretary, long_agenda):
    client.force_login(secretary)
    item = long_agenda[AGENDA_PAGE_SIZE + 4]
    page = client.get(item.get_absolute_url().split("#")[0]).content.decode()
    assert f'id="item-{item.pk}"' in page


def moves_offered(page):
    """For each item shown, the moves its form offers."""
    return [
        (int(number), re.findall(r'name="direction" value="(up|down)"', form))
        for number, form in re.findall(
            r'id="item-\d+-title">(\d+)\..*?(<form [^>]*steerco-item-move.*?</form>)', page, re.S
        )
    ]


def test_items_move_across_the_boundary_between_pages(client, secretary, meeting, long_agenda):
    client.force_login(secretary)
    first_page = client.get(meeting.get_absolute_url()).content.decode()
    second_page = client.get(f"{meeting.get_absolute_url()}?page=2").content.decode()
    last_page = client.get(f"{meeting.get_absolute_url()}?page=3").content.decode()
    assert moves_offered(first_page)[0] == (1, ["down"])
    assert moves_offered(first_page)[-1] == (AGENDA_PAGE_SIZE, ["up", "down"])
    assert moves_offered(second_page)[0] == (AGENDA_PAGE_SIZE + 1, ["up", "down"])
    assert moves_offered(last_page)[-1] == (len(long_agenda), ["up"])


def test_a_search_offers_moves_by_the_whole_agenda(client, secretary, meeting, long_agenda):
    client.force_login(secretary)
    found = client.get(meeting.get_absolute_url(), {"q": f"item {len(long_agenda)}"})
    assert moves_offered(found.content.decode()) == [(len(long_agenda), ["up"])]
