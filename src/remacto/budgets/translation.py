"""Translatable content fields of campaigns (titles, descriptions and district names in ar, fr, en, zgh)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Campaign, District


@register(Campaign)
class CampaignTranslation(TranslationOptions):
    fields = ("title", "description", "implementation_note")


@register(District)
class DistrictTranslation(TranslationOptions):
    fields = ("name",)
