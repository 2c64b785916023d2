"""Views of participatory budgets, one module per area; each view parses the request, calls one service or
selector and renders."""
