"""What a build remembers between runs, in the user cache folder; read and saved by the caller."""
