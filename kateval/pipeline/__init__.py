"""The model pipeline: judge/planner, builder, fallback."""


def __getattr__(name: str):
    # Lazy, so `kateval.pipeline.context` does not import the runner.
    if name == "Pipeline":
        from kateval.pipeline.pipeline import Pipeline

        return Pipeline
    raise AttributeError(name)
