"""Jinja2 prompt templates (StrictUndefined): kateval/prompts, overridable per suite."""

from __future__ import annotations

from pathlib import Path

import jinja2

from kateval.errors import ConfigError

PACKAGE_PROMPTS = Path(__file__).resolve().parent.parent / "prompts"
USER_MARK = "---user---"


class Prompts:
    def __init__(self, override_dir: Path | None = None):
        dirs = ([str(override_dir)] if override_dir else []) + [str(PACKAGE_PROMPTS)]
        self.env = jinja2.Environment(loader=jinja2.FileSystemLoader(dirs),
                                      undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
                                      autoescape=False)

    def render(self, name: str, **values) -> str:
        try:
            return self.env.get_template(name).render(**values)
        except jinja2.UndefinedError as exc:
            raise ConfigError(f"prompt template {name}: {exc.message}; "
                              "fix the template or pass the value") from None
        except jinja2.TemplateError as exc:
            raise ConfigError(f"prompt template {name}: {exc}") from None

    def messages(self, name: str, **values) -> list[dict]:
        """A template split at ---user--- into a system and a user message."""
        text = self.render(name, **values)
        system, _, user = text.partition(USER_MARK)
        if not user:
            return [{"role": "user", "content": system.strip()}]
        return [{"role": "system", "content": system.strip()},
                {"role": "user", "content": user.strip()}]

    @staticmethod
    def from_string(source: str, **values) -> str:
        env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
        try:
            return env.from_string(source).render(**values)
        except jinja2.TemplateError as exc:
            raise ConfigError(f"models.yaml: fim_template: {exc}") from None
