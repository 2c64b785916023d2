"""In-app and email notifications, in each recipient's language."""
