"""Translatable content fields (django-modeltranslation): the legal source of a threshold in each language."""

from modeltranslation.translator import TranslationOptions, register

from .models import Threshold


@register(Threshold)
class ThresholdTranslation(TranslationOptions):
    fields = ("legal_source",)
