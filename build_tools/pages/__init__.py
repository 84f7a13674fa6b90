"""Page kinds of the site, one module each (base: what they share)."""
