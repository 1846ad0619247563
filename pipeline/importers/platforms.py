"""Platforms an import may name in `also_on`, how to recognise them, and their actor records.

A platform is recognised by the host of an indicator (`t[.]me/...` is Telegram) and is
written as an actor slug. Facebook and Instagram are not here: their figures are
`takedowns`, and their actor records belong to the curators.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Platform:
    key: str
    """Our name for it; also the slug of the actor file an import creates if none exists."""
    name: str
    website: str
    hosts: tuple[str, ...]
    slugs: tuple[str, ...] = ()
    """Slugs a curator may already use for the same platform ('twitter' for X)."""
    description: str = ""

    @property
    def candidate_slugs(self) -> tuple[str, ...]:
        return (self.key, *self.slugs)


PLATFORMS = {
    platform.key: platform
    for platform in [
        Platform("x", "X (formerly Twitter)", "https://x.com/", ("x.com", "twitter.com"), ("twitter", "x-twitter"),
                 "Social network, called Twitter until 2023."),
        Platform("youtube", "YouTube", "https://www.youtube.com/", ("youtube.com", "youtu.be"), (),
                 "Video-sharing platform run by Google."),
        Platform("tiktok", "TikTok", "https://www.tiktok.com/", ("tiktok.com",), (), "Short-video platform."),
        Platform("telegram", "Telegram", "https://telegram.org/", ("t.me", "telegram.me", "telegram.org"), (),
                 "Messaging app with public channels."),
        Platform("threads", "Threads", "https://www.threads.net/", ("threads.net", "threads.com"), (),
                 "Text-based social network run by Meta."),
        Platform("pinterest", "Pinterest", "https://www.pinterest.com/", ("pinterest.com", "pin.it"), (),
                 "Image-sharing platform."),
        Platform("reddit", "Reddit", "https://www.reddit.com/", ("reddit.com",), (), "Network of discussion forums."),
        Platform("medium", "Medium", "https://medium.com/", ("medium.com",), (), "Blogging platform."),
        Platform("tumblr", "Tumblr", "https://www.tumblr.com/", ("tumblr.com",), (), "Blogging platform."),
        Platform("vimeo", "Vimeo", "https://vimeo.com/", ("vimeo.com",), (), "Video-sharing platform."),
        Platform("quora", "Quora", "https://www.quora.com/", ("quora.com",), (), "Question-and-answer platform."),
        Platform("vk", "VK", "https://vk.com/", ("vk.com",), ("vkontakte",), "Social network, formerly VKontakte."),
        Platform("odnoklassniki", "Odnoklassniki", "https://ok.ru/", ("ok.ru",), ("ok-ru",), "Social network (OK.ru)."),
        Platform("blogger", "Blogger", "https://www.blogger.com/", ("blogspot.com", "blogger.com"), (),
                 "Blogging platform run by Google."),
        Platform("soundcloud", "SoundCloud", "https://soundcloud.com/", ("soundcloud.com",), (),
                 "Audio-sharing platform."),
        Platform("linkedin", "LinkedIn", "https://www.linkedin.com/", ("linkedin.com",), (),
                 "Professional social network."),
    ]
}

_HOST_RE = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?(?:[^@/\s]+@)?(?P<host>[a-z0-9-]+(?:\.[a-z0-9-]+)+)", re.I)


def undefang(text: str) -> str:
    """'hxxps://t[.]me/x' -> 'https://t.me/x': indicators are published defanged."""
    text = text.strip().strip("`").strip()
    text = re.sub(r"\[\s*\.\s*\]|\(\s*\.\s*\)|\{\s*\.\s*\}", ".", text)
    text = text.replace("[:]", ":").replace("[://]", "://")
    return re.sub(r"^hxxp", "http", text, flags=re.I)


def host_of(indicator: str) -> str | None:
    """The host an indicator points at ('www[.]youtube[.]com/@x' -> 'youtube.com')."""
    match = _HOST_RE.match(undefang(indicator))
    if not match:
        return None
    host = match["host"].lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def platform_of_host(host: str) -> Platform | None:
    for platform in PLATFORMS.values():
        if any(host == known or host.endswith("." + known) for known in platform.hosts):
            return platform
    return None


def actor_data(platform: Platform) -> dict:
    """The actor record an import writes for a platform no curator has created yet."""
    data: dict = {"name": platform.name, "kind": "platform", "website": platform.website}
    if platform.description:
        data["description"] = platform.description
    return data
