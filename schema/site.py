"""site.yaml: settings for the whole register."""

from __future__ import annotations

from pydantic import Field, model_validator

from schema.base import Model
from schema.fields import ActorRef, HttpUrl, LanguageCode, PlainString, Text


class Site(Model):
    title: Text = Field(description="The register's name, shown in every page title.")
    tagline: Text = Field(description="One sentence under the title on the home page.")
    description: Text | None = Field(
        default=None,
        description="Two sentences on what the register is, for the home page and search engines.",
    )
    base_url: HttpUrl = Field(
        description="Absolute address the site is published at, ending in '/'; used for "
        "canonical links, feeds, the sitemap and citations."
    )
    languages: list[LanguageCode] = Field(
        min_length=1, description="Languages of the site; the first is the default, served at /."
    )
    license: PlainString = Field(description="Licence of the data, as an SPDX id (CC-BY-4.0).")
    publisher: ActorRef = Field(description="The actor who publishes the register.")
    repository: HttpUrl | None = Field(
        default=None, description="Where the register's source (content and code) lives."
    )
    disarm_version: PlainString | None = Field(
        default=None,
        description="The DISARM framework release whose technique IDs the tactics use.",
    )
    version: PlainString | None = Field(
        default=None, description="Edition of the dataset, printed on downloads and citations."
    )

    @model_validator(mode="after")
    def _base_url_is_a_folder(self) -> "Site":
        if not self.base_url.endswith("/"):
            raise ValueError("base_url must end with '/' (it is the folder the site lives in)")
        if len(set(self.languages)) != len(self.languages):
            raise ValueError("languages lists the same language twice")
        return self

    @property
    def default_language(self) -> str:
        return self.languages[0]
