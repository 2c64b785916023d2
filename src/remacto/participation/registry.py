"""The models whose objects people can comment on, support, follow and report, addressed in URLs by label.

A module registers its target models once, in its ``AppConfig.ready()``::

    from remacto.participation import registry
    registry.register(Idea)

Pages then address an object as ``<label>/<pk>`` where the label is ``"app_label.model"`` (for example
``"cocreation.idea"``); a label that is not registered is a 404. Comments are addressable too, but only for
reporting and moderation.
"""

from django.db import models

_targets: dict[str, type[models.Model]] = {}

COMMENT_LABEL = "participation.comment"


def register(model: type[models.Model]) -> type[models.Model]:
    """Allow ``model`` (a concrete :class:`~remacto.participation.models.ParticipationTarget`) as a target.

    Returns the model, so it can also be used as a class decorator. Registering twice is harmless.
    """
    from .models import ParticipationTarget

    if not (isinstance(model, type) and issubclass(model, ParticipationTarget)) or model._meta.abstract:
        raise TypeError(f"{model!r} is not a concrete ParticipationTarget")
    _targets[model._meta.label_lower] = model
    return model


def label(obj_or_model) -> str:
    """The URL label of a target or comment (``"app_label.model"``)."""
    return obj_or_model._meta.label_lower


def is_registered(obj_or_model) -> bool:
    return label(obj_or_model) in _targets


def target_model(name: str) -> type[models.Model] | None:
    """The registered target model called ``name``, or ``None``."""
    return _targets.get((name or "").lower())


def flaggable_model(name: str) -> type[models.Model] | None:
    """A registered target model or ``Comment``: what can be reported and moderated."""
    if (name or "").lower() == COMMENT_LABEL:
        from .models import Comment

        return Comment
    return target_model(name)


def registered_models() -> list[type[models.Model]]:
    return list(_targets.values())
