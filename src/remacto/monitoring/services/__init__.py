"""Every change to the follow-up of adopted programmes, one module per area."""
