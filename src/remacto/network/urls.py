"""URLs of the network layer (inside the language prefix)."""

from django.urls import path

from . import feeds, views

app_name = "network"

urlpatterns = [
    path("network/apply/", views.apply, name="apply"),
    path("network/applications/", views.applications, name="applications"),
    path("network/applications/export.csv", views.export_applications, name="applications_export"),
    path("network/applications/<int:pk>/", views.application, name="application"),
    path("network/applications/<int:pk>/deliberation/", views.deliberation, name="deliberation"),
    path("network/decisions/", views.decisions, name="decisions"),
    path("network/stale-members/", views.stale, name="stale"),
    path("network/news/", views.news, name="news"),
    path("network/news/feed/", feeds.NetworkNewsFeed(), name="feed"),
    path("network/news/write/", views.news_write, name="news_write"),
    path("network/news/<int:pk>/", views.post, name="post"),
    path("network/news/<int:pk>/edit/", views.news_edit, name="news_edit"),
    path("network/news/<int:pk>/image/", views.post_image, name="post_image"),
    path("members/<slug:slug>/news/", views.member_news, name="member_news"),
    path("members/<slug:slug>/news/feed/", feeds.MemberNewsFeed(), name="member_feed"),
    path("members/<slug:slug>/news/write/", views.member_news_write, name="member_news_write"),
    path("members/<slug:slug>/news/<int:pk>/", views.member_post, name="member_post"),
    path("members/<slug:slug>/news/<int:pk>/edit/", views.member_news_edit, name="member_news_edit"),
    path("members/<slug:slug>/news/<int:pk>/image/", views.member_post_image, name="member_post_image"),
]
