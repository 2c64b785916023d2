"""Shared building blocks: base models, audit log, i18n helpers, Markdown rendering, templates."""
