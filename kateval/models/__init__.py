"""OpenAI-compatible model clients, response cache and call accounting."""
