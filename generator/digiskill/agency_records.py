"""The agency's own settings (agency.yaml) as frozen dataclasses: the records `catalog/agency.py` lays over the catalog.

Kept apart from `model.py` because they describe one agency's choices, not the framework. Standard library only: the
browser's Python receives them inside the catalog JSON (`Catalog.agency`).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AgencyGoal:
    horizon: int  # years: 1, 3 or 5
    trait: str  # a digital-government trait code
    text_th: str


@dataclass(frozen=True)
class AgencyTheme:
    year: int  # Buddhist-era fiscal year
    title_th: str
    units: tuple[str, ...]
    groups: tuple[str, ...]


@dataclass(frozen=True)
class LearningLink:
    unit: str
    title_th: str
    url: str


@dataclass(frozen=True)
class UnitReplacement:
    old: str  # a unit of the catalog the agency no longer uses
    new: str  # the unit (of the catalog or the agency's own) used in its place


@dataclass(frozen=True)
class AgencyAnnouncement:
    """The agency's own announcement of its digital roles and expected behaviours (seed Org 1.4–1.5): the source of
    every draft part it adopts or replaces. Never OCSC's: the agency signs it."""

    title_th: str  # e.g. "ประกาศกรมตัวอย่าง เรื่อง บทบาทและทักษะด้านดิจิทัลที่คาดหวัง"
    date: str  # YYYY-MM-DD with the Buddhist-era year, as signed
    number: str  # its reference number, e.g. "12/2569"
    source: str  # title, number and date in one line, as pages and documents cite it


@dataclass(frozen=True)
class Agency:
    """The agency's own settings (agency.yaml), applied over the base catalog (seed Org 1.1–1.5, Org 2, Org 3.2)."""

    name_th: str
    short_name: str
    target_stage: str
    target_year: int  # Buddhist era
    vision_th: str
    goals: tuple[AgencyGoal, ...]
    themes: tuple[AgencyTheme, ...]
    learning_links: tuple[LearningLink, ...]
    added_units: tuple[str, ...]
    removed_units: tuple[str, ...]
    changed_roles: tuple[str, ...]
    source: str
    name_en: str = ""
    logo: str = ""
    contact_th: str = ""
    divisions: tuple[str, ...] = ()  # the agency's divisions (กอง/สำนัก), offered in the staff file's person field
    privacy_threshold: int = 5  # HR figures from fewer staff are hidden (core/hr/privacy.py); can only be raised
    replacements: tuple[UnitReplacement, ...] = ()
    announcement: AgencyAnnouncement | None = None  # present: the agency's own parts show "ประกาศโดย <name_th>"
    adopted_roles: tuple[str, ...] = ()  # roles whose draft behaviour and skill lists the agency adopted as published
    changed_items: tuple[str, ...] = ()  # K/X/AT items the agency words its own way (item_changes)

    @property
    def announced_by(self) -> str:
        """The words that mark the agency's announced parts on pages and in documents ("" without an announcement)."""
        return f"ประกาศโดย {self.name_th}" if self.announcement else ""

    settings_version: str = ""  # a digest of the settings as read (agency.py settings_version); staff files carry it

    @property
    def id(self) -> str:
        """What a staff file made on this agency's site carries to say where it was made: the short name of
        agency.yaml (README "ไฟล์ของหน่วยงาน")."""
        return self.short_name

    def themes_for_unit(self, unit_code: str) -> list[AgencyTheme]:
        return [t for t in self.themes if unit_code in t.units]

    def replacement_for(self, unit_code: str) -> str | None:
        return next((r.new for r in self.replacements if r.old == unit_code), None)

    def links_for_unit(self, unit_code: str) -> list[LearningLink]:
        return [link for link in self.learning_links if link.unit == unit_code]
