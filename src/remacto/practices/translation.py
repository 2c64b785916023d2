"""Translatable content fields of a practice's structure (axis and project titles in ar, fr, en, zgh), copied from
and into programmes, whose axes and projects have them too."""

from modeltranslation.translator import TranslationOptions, register

from .models import PracticeAxis, PracticeProject


@register(PracticeAxis)
class PracticeAxisTranslation(TranslationOptions):
    fields = ("title",)


@register(PracticeProject)
class PracticeProjectTranslation(TranslationOptions):
    fields = ("title",)
