"""Read queries of implementation and monitoring, one module per area."""
