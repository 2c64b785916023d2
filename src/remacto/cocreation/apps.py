"""App configuration for co-creation."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CocreationConfig(AppConfig):
    name = "remacto.cocreation"
    verbose_name = _("Co-creation")

    def ready(self) -> None:
        from PIL import Image

        from remacto.participation import registry
        from remacto.territories import openings

        from . import selectors
        from .models import Idea, Project
        from .uploads import MAX_IMAGE_PIXELS

        Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS  # Pillow refuses twice this anywhere (admin, PDF rendering)
        registry.register(Idea)
        registry.register(Project)
        openings.register(
            openings.Source(
                openings=selectors.programme_openings, collectivity_ids=selectors.collectivities_with_open_programmes
            )
        )
