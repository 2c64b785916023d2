"""News posts of a member's space (its focal points) and of the network home (network admins).

Title and Markdown body are checked like every typed text (NUL, bidi-only or invisible text, length); the body
is shown through ``core.markdown`` (nh3). The optional image is checked from its content and stored without its
metadata. Publishing sets the published date once; a draft is seen by its writers only. Audited.
"""

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from remacto.cocreation.uploads import check_upload, without_metadata
from remacto.core import audit
from remacto.core.permissions import require
from remacto.core.validators import clean_text, require_visible

from ..models import NewsPost

WRITE = "network.write_news"


def _image(image):
    if not image:
        return None
    try:
        kind = check_upload(image, allowed=("png", "jpeg"))
    except ValidationError as exc:
        raise ValidationError({"image": exc.messages}) from exc
    try:
        return without_metadata(image, kind)
    except ValidationError as exc:
        raise ValidationError({"image": exc.messages}) from exc


def _fill(post: NewsPost, values: Mapping, image) -> None:
    post.title = clean_text(
        values.get("title"),
        "title",
        max_length=NewsPost._meta.get_field("title").max_length,
        empty=gettext_noop("Give a title."),
    )
    post.body = clean_text(
        values.get("body"),
        "body",
        max_length=NewsPost._meta.get_field("body").max_length,
        empty=gettext_noop("Write the text of the news."),
    )
    require_visible({"body": post.body}, rich=["body"])
    status = values.get("status") or NewsPost.Status.DRAFT
    if status not in NewsPost.Status.values:
        raise ValidationError({"status": _("Choose draft or published.")})
    if status == NewsPost.Status.PUBLISHED and post.published_at is None:
        post.published_at = timezone.now()
    post.status = status
    stored = _image(image)
    if stored is not None:
        post.image.save(
            "news.jpg" if stored.name.lower().endswith((".jpg", ".jpeg")) else "news.png", stored, save=False
        )


@transaction.atomic
def write(actor, collectivity, values: Mapping, image=None) -> NewsPost:
    """A new post on ``collectivity``'s space, or on the network home when ``collectivity`` is None."""
    require(actor, WRITE, collectivity)
    if collectivity is not None and not hasattr(collectivity, "membership"):
        raise ValidationError(_("Only members of the network have news."))
    post = NewsPost(collectivity=collectivity, author=actor)
    _fill(post, values, image)
    post.save()
    audit.record(actor, "news.save", post, collectivity=collectivity, status=post.status)
    return post


@transaction.atomic
def edit(actor, post: NewsPost, values: Mapping, image=None) -> NewsPost:
    """Change a post's text, image or status (a published post can go back to draft)."""
    require(actor, WRITE, post.collectivity)
    post = NewsPost.objects.select_for_update().get(pk=post.pk)
    _fill(post, values, image)
    post.save()
    audit.record(actor, "news.save", post, collectivity=post.collectivity, status=post.status)
    return post
