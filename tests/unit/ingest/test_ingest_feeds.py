"""RSS/Atom parsing, including hostile XML (reliability requirement B5). Fixtures are written for these tests."""

from datetime import UTC, datetime

import pytest

from factcheck.ingest.errors import NotAFeed, TooLarge, UnsafeXml
from factcheck.ingest.feeds import html_to_text, parse_feed

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
 <channel>
  <title>La Gazette du Val</title>
  <link>https://gazette-du-val.example/</link>
  <description>Nouvelles locales</description>
  <item>
   <title>Le pont de la Sarre rouvrira en juin</title>
   <link>https://gazette-du-val.example/pont-sarre</link>
   <guid isPermaLink="false">gdv-1001</guid>
   <description>&lt;p&gt;Les travaux ont pris &lt;b&gt;trois mois&lt;/b&gt; de retard.&lt;/p&gt;
     &lt;script&gt;alert(1)&lt;/script&gt;</description>
   <pubDate>Tue, 12 Mar 2024 08:00:00 +0100</pubDate>
  </item>
  <item>
   <title>Le pont de la Sarre rouvrira en juin (mise a jour)</title>
   <link>https://gazette-du-val.example/pont-sarre</link>
   <guid isPermaLink="false">gdv-1001</guid>
  </item>
  <item>
   <title>Budget: la mairie annonce 4 millions pour les ecoles</title>
   <link>/budget-ecoles</link>
   <guid isPermaLink="false">gdv-1002</guid>
   <pubDate>Wed, 13 Mar 2024 18:30:00 GMT</pubDate>
  </item>
  <item>
   <title>Lien douteux</title>
   <link>javascript:alert(1)</link>
  </item>
 </channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Riverside Chronicle</title>
  <link href="https://riverside-chronicle.example/"/>
  <id>urn:uuid:5f1c1c5e-0000-4000-8000-000000000001</id>
  <updated>2024-04-02T10:00:00Z</updated>
  <entry>
    <title>Council says bus fares will not rise this year</title>
    <link href="https://riverside-chronicle.example/bus-fares"/>
    <id>urn:uuid:5f1c1c5e-0000-4000-8000-000000000002</id>
    <updated>2024-04-02T09:15:00Z</updated>
    <summary type="html">&lt;p&gt;The transport committee voted
      &lt;em&gt;7 to 2&lt;/em&gt; to freeze fares.&lt;/p&gt;</summary>
  </entry>
  <entry>
    <title>Café owners question new terrace fee</title>
    <link href="https://riverside-chronicle.example/terrace-fee"/>
    <id>urn:uuid:5f1c1c5e-0000-4000-8000-000000000003</id>
    <published>2024-04-01T16:00:00+02:00</published>
    <summary>Owners say the fee doubled.</summary>
  </entry>
  <entry>
    <title>Duplicate id, other link</title>
    <link href="https://riverside-chronicle.example/other"/>
    <id>urn:uuid:5f1c1c5e-0000-4000-8000-000000000003</id>
  </entry>
</feed>
""".encode()

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>x</title>
<item><title>&xxe;</title><link>https://a.example/1</link></item></channel></rss>
"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title></channel></rss>
"""

HTML_PAGE = b"""<!DOCTYPE html>
<html lang="fr"><head><title>Accueil - La Gazette du Val</title></head>
<body><h1>Bienvenue</h1><p>Ceci est une page, pas un flux.</p></body></html>
"""


def test_rss_entries_are_parsed_and_deduplicated():
    feed = parse_feed(RSS, base_url="https://gazette-du-val.example/rss.xml")
    assert feed.title == "La Gazette du Val"
    assert feed.link == "https://gazette-du-val.example/"
    assert [e.guid for e in feed.entries] == ["gdv-1001", "gdv-1002"]  # duplicate and javascript: link dropped
    first, second = feed.entries[0], feed.entries[1]
    assert first.title == "Le pont de la Sarre rouvrira en juin"
    assert first.link == "https://gazette-du-val.example/pont-sarre"
    assert first.summary == "Les travaux ont pris trois mois de retard."
    assert first.published == datetime(2024, 3, 12, 7, 0, tzinfo=UTC)
    assert second.link == "https://gazette-du-val.example/budget-ecoles"  # relative link resolved
    assert second.published == datetime(2024, 3, 13, 18, 30, tzinfo=UTC)


def test_atom_entries_are_parsed_and_deduplicated():
    feed = parse_feed(ATOM)
    assert feed.title == "Riverside Chronicle"
    assert [e.title for e in feed.entries] == ["Council says bus fares will not rise this year",
                                               "Café owners question new terrace fee"]
    fares, fee = feed.entries
    assert fares.guid == "urn:uuid:5f1c1c5e-0000-4000-8000-000000000002"
    assert fares.summary == "The transport committee voted 7 to 2 to freeze fares."
    assert fares.published == datetime(2024, 4, 2, 9, 15, tzinfo=UTC)
    assert fee.published == datetime(2024, 4, 1, 14, 0, tzinfo=UTC)


@pytest.fixture
def feedparser_calls(monkeypatch):
    """The documents handed to feedparser: a refused feed must never reach it (nor any XML parser after it)."""
    import feedparser

    calls = []
    real = feedparser.parse
    monkeypatch.setattr(feedparser, "parse", lambda *args, **kwargs: calls.append(args) or real(*args, **kwargs))
    return calls


def test_xxe_is_rejected_without_reading_files(feedparser_calls):
    with pytest.raises(UnsafeXml) as info:
        parse_feed(XXE)
    assert "root:" not in str(info.value)
    assert str(info.value) == "Feeds with a DOCTYPE or entity declarations are not accepted."
    assert feedparser_calls == []


def test_billion_laughs_is_rejected_before_any_expansion(feedparser_calls):
    with pytest.raises(UnsafeXml) as info:
        parse_feed(BILLION_LAUGHS)
    assert str(info.value) == "Feeds with a DOCTYPE or entity declarations are not accepted."
    assert feedparser_calls == []  # refused on the declaration: no parser ever expanded an entity


def test_utf16_feed_with_entity_is_rejected():
    with pytest.raises(UnsafeXml):
        parse_feed(XXE.decode().replace('version="1.0"', 'version="1.0" encoding="UTF-16"', 1).encode("utf-16"))


def test_entity_declaration_hidden_after_comment_is_rejected():
    sneaky = b'<?xml version="1.0"?><!-- hi --><!DOCTYPE r [<!ENTITY a "b">]><rss version="2.0"></rss>'
    with pytest.raises(UnsafeXml):
        parse_feed(sneaky)


def test_html_page_is_not_a_feed():
    with pytest.raises(NotAFeed) as info:
        parse_feed(HTML_PAGE)
    assert info.value.code == "not_a_feed"


@pytest.mark.parametrize("data", [b"", b"   ", b"just some words", b'{"items": []}', b"<div>fragment</div>"])
def test_other_documents_are_not_feeds(data):
    with pytest.raises(NotAFeed):
        parse_feed(data)


def test_huge_feed_is_refused_before_parsing(feedparser_calls, monkeypatch):
    from factcheck.ingest import feeds

    scanned = []
    monkeypatch.setattr(feeds, "_check_xml_safety", scanned.append)
    with pytest.raises(TooLarge) as info:
        parse_feed(b"<rss>" + b"x" * (50 * 1024 * 1024) + b"</rss>")
    assert str(info.value) == f"The feed is larger than {feeds.MAX_FEED_BYTES} bytes."
    assert scanned == [] and feedparser_calls == []  # refused on its length, before any scan or parse


def test_malformed_but_harmless_feed_is_read_leniently():
    broken = RSS.replace(b"</channel>", b"").replace(b"&lt;b&gt;", b"&lt;b&gt;&amp;")
    feed = parse_feed(broken)
    assert feed.entries


def test_feed_entries_limit():
    items = "".join(f"<item><title>t{i}</title><link>https://a.example/{i}</link></item>" for i in range(30))
    feed = parse_feed(f'<rss version="2.0"><channel><title>n</title>{items}</channel></rss>'.encode(),
                      max_entries=10)
    assert len(feed.entries) == 10


def test_html_to_text_drops_scripts():
    assert html_to_text("<p>Un <b>texte</b></p><script>alert(1)</script><style>p{}</style>") == "Un texte"
    assert html_to_text(None) is None
