"""Co-creation of the openness action programme: from information meetings to council adoption."""
