"""URL patterns of the follow-up committee's review meetings."""

from django.urls import path

from ..views import reviews as views
from . import PROGRAMME

urlpatterns = [
    path(PROGRAMME + "monitoring/reviews/", views.reviews, name="reviews"),
    path(PROGRAMME + "monitoring/reviews/<int:pk>/minutes/", views.review_minutes, name="review_minutes"),
]
