"""newsbrief.Stories: story clustering from Python, in memory and in a store."""

import pytest

import newsbrief

QUAKE_A = {
    "id": "a",
    "date": "2014-04-01T22:00:00Z",
    "title": "Earthquake of magnitude 8.2 strikes off northern Chile",
    "text": "A magnitude 8.2 earthquake struck off the coast of northern Chile near Iquique on Tuesday, "
    "setting off a tsunami warning along the Pacific coast.",
}
QUAKE_B = {
    "id": "b",
    "date": "2014-04-02T03:00:00Z",
    "title": "Chile earthquake: tsunami warning lifted after magnitude 8.2 quake near Iquique",
    "text": "Chile lifted its tsunami warning after the magnitude 8.2 earthquake near Iquique, "
    "where several people died and thousands were evacuated from the northern coast.",
}
PHONE = {
    "id": "c",
    "date": "2014-04-02T04:00:00Z",
    "title": "Apple unveils a new iPhone with a larger screen",
    "text": "Apple showed a new iPhone with a larger screen and a faster chip at its event in Cupertino, "
    "California, and said it goes on sale next month.",
}


def test_articles_of_one_event_share_a_story_and_others_do_not():
    s = newsbrief.Stories()
    a, b, c = (s.add(x) for x in (QUAKE_A, QUAKE_B, PHONE))
    assert a["status"] == "new" and b["status"] == "joined" and c["status"] == "new"
    assert a["story"] == b["story"] != c["story"]
    stories = s.stories()
    assert sorted(sorted(st["articles"]) for st in stories) == [["a", "b"], ["c"]]


def test_a_bad_article_raises_and_changes_nothing():
    s = newsbrief.Stories()
    s.add(QUAKE_A)
    with pytest.raises(ValueError, match="no title and no text"):
        s.add({"id": "empty"})
    with pytest.raises(ValueError):
        s.add("not a dict")
    assert [st["articles"] for st in s.stories()] == [["a"]]


def test_a_store_persists_and_ignores_a_repeated_article(tmp_path):
    db = tmp_path / "news.db"
    s = newsbrief.Stories(db=db)
    assert s.add(QUAKE_A)["status"] == "added"
    assert s.add(QUAKE_B)["status"] == "added"
    del s
    again = newsbrief.Stories(db=str(db))
    assert again.add(QUAKE_A)["status"] == "duplicate"
    again.add(PHONE)
    listed = again.stories()
    assert sorted(st["articles"] for st in listed) == [1, 2]
