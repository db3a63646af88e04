"""Edit formats: model output -> file contents or a unified diff."""
