"""Translatable content fields (django-modeltranslation): name_ar, name_fr, name_en, name_zgh, ..."""

from modeltranslation.translator import TranslationOptions, register

from .models import Charter, Collectivity, Province, Region


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name", "seat")


@register(Province)
class ProvinceTranslation(TranslationOptions):
    fields = ("name",)


@register(Collectivity)
class CollectivityTranslation(TranslationOptions):
    fields = ("name",)


@register(Charter)
class CharterTranslation(TranslationOptions):
    fields = ("title", "body")
