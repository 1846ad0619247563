"""Small real inputs for the importer tests: three networks as Meta writes them."""

from __future__ import annotations

import hashlib
from pathlib import Path

COMMIT = "0123456789abcdef0123456789abcdef01234567"

MOLDOVA_CSV = (
    "Tactic ,Technique,Procedure,Indicator,Notes\r\n"
    "0. Acquiring assets,0.6 Acquiring domains,0.6.2 Acquiring domains to support influence operations,"
    "hxxps://example-news[.]info/,\r\n"
    "0. Acquiring assets,0.9 Acquiring social media accounts,0.9.1 Acquiring Facebook assets,15 acounts,\r\n"
    "0. Acquiring assets,0.9 Acquiring social media accounts,0.9.1 Acquiring Facebook assets,6 pages,\r\n"
    "0. Acquiring assets,0.9 Acquiring social media accounts,0.9.1 Acquiring Facebook assets,7 groups,\r\n"
    "0. Acquiring assets,0.9 Acquiring social media accounts,0.9.2 Acquiring Instagram accounts,4 accounts,\r\n"
    "0. Acquiring assets,0.9 Acquiring social media accounts,0.9.4 Acquiring X / Twitter accounts,"
    "hxxp://x[.]com/example_news,\r\n"
    "0. Acquiring assets,0.9 Acquiring social media accounts,0.9.6 Acquiring TikTok accounts,"
    "hxxp://tiktok[.]com/@example_news,\r\n"
    ",,,,\r\n"
    "7. Targeted engagement,7.1 Running ads,7.1.1 Advertising to promote content,"
    "\"Network operators engaged in around $300 in spending for ads on Facebook and Instagram, paid for mostly in US Dollars.\",\r\n"
    "7. Targeted engagement,7.2 Engaging with users outside the operation,7.2.2 Acquiring Page followers,"
    "\"About 6,300 accounts followed one or more of these Pages.\",\r\n"
)

MOLDOVA_SUMMARY = """# Indicators of Compromise: Moldova-Based Influence Operation Network Targeting Moldova

Meta disrupted a Moldova-based Coordinated Inauthentic Behavior (CIB) network targeting Moldova. This file contains Indicators of Compromise (IOCs) from Meta’s Adversarial Threat Report H2 2025.

## Meta’s Adversarial Threat Report Network Summary

We disrupted a domestic network originating in and targeting Moldova. We removed 15 Facebook accounts, 6 Pages, 7 Groups, and 4 Instagram accounts for violating our policy against Coordinated Inauthentic Behavior. About 6,300 accounts followed one or more of these Pages, and about 119,400 accounts followed one or more of these Instagram accounts. Network operators engaged in around $300 in spending for ads on Facebook and Instagram, paid for mostly in US Dollars.

We observed that network operators amplified messaging about a party.

## Indicators of Compromise

| Indicator Type | Indicator Value |
| :--- | :--- |
| Domain | `hxxps://example-news[.]info/` |
| Social Media Account | `hxxps://www[.]youtube[.]com/@example_news` |
"""

# Odd headers: trailing spaces, a 'Comments' column, misspelt tactics, bare-number tactics.
CROATIA_CSV = (
    "Tactic ,Technique ,Procedure , Indicator ,Comments\r\n"
    "0. Acqiuring Assets,0.9 Acquiring social media accounts,0.9.1 Acquiring Facebook assets,104 accounts,\r\n"
    "0. Acqiuring Assets,0.9 Acquiring social media accounts,0.9.1 Acquiring Facebook assets,39 Pages ,\r\n"
    "0 Acquiring Assets,0.9 Acquiring social media accounts,0.9.2 Acquiring Instagram accounts,7 Instagram accounts,\r\n"
    "1 Disguising assets,1.1 Adopting visual disguise,1.1.1 Copying profile pictures ,Stolen photos,\r\n"
    "7. Targeted engagement,7.1 Running ads,7.1.1 Advertising to promote content,"
    "\"About 20 USD in spending for ads on Facebook, paid for in US Dollars\n\n\",\r\n"
    "7. Targeted engagement,7.2 Engaging with users outside the operation,7.2.4 Acquiring Instagram followers,"
    "\" About 150 accounts followed one or more of these Instagram accounts\",\r\n"
    "7. Targeted engagement,7.2 Engaging with users outside the operation,7.2.3 Acquiring Group members,"
    "less than 100 accounts joined this Group,\r\n"
)

# Blank separator rows, one malformed row (line 6), an unknown kill-chain code (line 8).
GHANA_CSV = (
    "Tactic,Technique,Procedure,Indicator\r\n"
    "0. Acquiring assets,0.9 Acquiring social media accounts,0.9.1 Acquiring Facebook assets,42 accounts \r\n"
    "0. Acquiring assets,0.9 Acquiring social media accounts,0.9.1 Acquiring Facebook assets,1 pages\r\n"
    ",,,\r\n"
    ",,,\r\n"
    "0. Acquiring assets,0.9 Acquiring social media accounts,0.9.2 Acquiring Instagram accounts,many accounts\r\n"
    ",,,\r\n"
    "0. Acquiring assets,0.9 Acquiring social media accounts,0.9.11 Creating online petitions ,hxxps://petitions[.]example/p/1\r\n"
    "6. Indiscriminate engagement,6.2 Amplifying with likely fake accounts on social media,"
    "6.2.4 Amplifying with likely fake accounts on X/Twitter,Fake accounts reposted the Pages\r\n"
    ",,,\r\n"
    "7 Targeted engagement,7.1 Running ads,7.1.1 Advertising to promote content,"
    "\"About $10,200 in spending for ads, paid for mostly in US dollars.\"\r\n"
    "7 Targeted engagement,7.2 Engaging with users outside the operation,7.2.2 Acquiring Page followers,"
    "About 38000 accounts followed one or more of these Pages\r\n"
)

INPUTS = {
    "cib-network-ttps/q2-3_2025_moldova_based_cib_network.csv": (
        "indicators/csv/Q2-3_2025/Q2-3_2025_GithubIOCs - Q2-3_2025_MOLDOVA_BASED_CIB_NETWORK.csv", MOLDOVA_CSV),
    "network-summaries/meta-h2-2025-moldova-based-cib-network.md": (
        "indicators/meta-h2-2025-moldova-based-cib-network.md", MOLDOVA_SUMMARY),
    "cib-network-ttps/q1_2024_croatia_based_cib_network.csv": (
        "indicators/csv/Q1_2024/Q1_2024_Croatia_Based_CIB_Network.csv", CROATIA_CSV),
    "cib-network-ttps/q4_2024_ghana_based_cib_network.csv": (
        "indicators/csv/Q4_2024/ Q4_2024 GHANA_BASED_CIB_NETWORK.csv", GHANA_CSV),
}

CONTENT = {
    "site.yaml": "title: Test register\ntagline: A test.\nbase_url: https://example.org/\n"
                 "languages: [en]\nlicense: CC-BY-4.0\npublisher: meta\n",
    "actors/facebook.yaml": "name: Facebook\nkind: platform\n",
    "actors/instagram.yaml": "name: Instagram\nkind: platform\n",
    "actors/meta.yaml": "name: Meta\nkind: company\n",
    "actors/twitter.yaml": "name: Twitter\nkind: platform\n",
}


def blob_sha(text: str) -> str:
    raw = text.encode("utf-8")
    return hashlib.sha1(b"blob %d\0" % len(raw) + raw).hexdigest()


def write_tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    return root
