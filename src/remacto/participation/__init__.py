"""Participation objects shared by every module: comments, supports, follows, flags and moderation."""
