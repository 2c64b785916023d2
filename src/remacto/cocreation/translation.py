"""Translatable content fields of the programme (titles and descriptions in ar, fr, en, zgh)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Axis, Meeting, Programme, Project


@register(Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = ("title", "description", "implementation_note")


@register(Axis)
class AxisTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    fields = ("title",)


@register(Project)
class ProjectTranslation(TranslationOptions):
    fields = ("title",)
