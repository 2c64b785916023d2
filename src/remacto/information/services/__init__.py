"""Every change to information requests, complaints and published documents (one module per area)."""
