"""Errors a user can act on. Only the CLI turns them into exit codes."""


class KatevalError(Exception):
    """Base class: the message is one line that says what is wrong and how to fix it."""

    exit_code = 1


class ConfigError(KatevalError):
    """A config file, task folder or command-line value is wrong."""

    exit_code = 2


class ToolchainError(KatevalError):
    """A prerequisite (kotlinc, JUnit, docker, bwrap...) is missing or broken."""

    exit_code = 3


class InfraError(KatevalError):
    """The harness, an endpoint or a sandbox failed: never the model's fault."""

    exit_code = 4

    def __init__(self, message: str, output: str = ""):
        super().__init__(message)
        self.output = output
        """What the failed command printed, for the attempt's build.log."""


class GateError(KatevalError):
    """A quality gate failed (regression against a baseline)."""

    exit_code = 1
