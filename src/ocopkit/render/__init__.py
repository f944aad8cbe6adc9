"""Output: generated pages, print handouts, search folding, offline bundle, vendored assets."""
