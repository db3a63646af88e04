"""Errors a user can act on. Only the CLI turns them into exit codes (README, "Exit codes"):
1 a check failed (the gate, validate), 2 bad config or input, 3 a missing prerequisite,
4 infrastructure, 5 nothing graded, 6 too many infra errors, 70 a bug, 130 interrupted."""


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


class NothingGraded(KatevalError):
    """A run ended without one graded sample (every sample infra_error or model_error)."""

    exit_code = 5


class TooManyInfraErrors(KatevalError):
    """More samples ended infra_error than --max-infra-errors allows."""

    exit_code = 6
