"""State changes of implementation and monitoring, one module per area."""
