"""Co-creation views, one module per area (ideas, outputs, staff); thin, over services and selectors."""
