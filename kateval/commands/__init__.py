"""One module per CLI command: glue between the CLI and the library."""
