"""Pages of the follow-up of adopted programmes, one module per area."""
