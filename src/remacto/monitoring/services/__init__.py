"""Every state change of implementation and monitoring, one module per area."""
