"""Accounts: users and their profile, organisations (associations), roles per collectivity."""
