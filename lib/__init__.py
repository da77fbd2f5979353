"""Shared code of the book reproducing Joyce (2025), "Do States Constrain Non-State Hackers?"."""
