"""One deck per afdeling: batches built in parallel, and the reviewer's diff."""
