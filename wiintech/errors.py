"""Errors that carry every problem found, each naming file, record and field."""


class DataError(Exception):
    """A data file (or several) failed validation.

    ``problems`` holds one line per problem, e.g.
    ``data/cluster_targets.yaml: Table 12 › San Diego › interaction: 11 is outside 1–10``.
    """

    def __init__(self, problems):
        self.problems = tuple(problems)
        super().__init__("\n".join(self.problems))


class InputError(ValueError):
    """A user's input (weights, a CSV matrix, a method name) cannot be used; the message says why."""


class StoreError(Exception):
    """The workshop store cannot be used (unreachable, wrong schema); the message says what to do."""


class AccessError(Exception):
    """A wrong, missing or foreign token or join code, or a closed round; the message says so plainly
    and reveals nothing else."""
