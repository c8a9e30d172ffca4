"""Demo action plan of a Västerås-like municipality.

The plan for four years around today with the four focus areas, indicators on the
Trygghetsrådet goals (computed from the demo incidents, NTU-like survey values imported
through the survey import, hand-entered values), thirteen interventions across the focus
areas started by the demo councils' decisions, the collaboration agreement with the
police (signed June 2023) and its commitments, three citizen promises (two public), the
coordination function, and one evaluated intervention: place-based presence in Bäckby,
from the date when the incidents demo lets Bäckby's incidents drop and part of them move
to the ring around it (``incidents.demo.DEMO_INTERVENTION``). Its stored evaluation shows
the drop against a control district and the buffer's rise.

When the lägesbild demo has published a yearly picture, the plan's second version is
adopted from it, and a council meeting held today decides new interventions resting on
it (decision traceability from the lägesbild onwards).

Deterministic (relative to today's date), idempotent: each part is built once; a second
run finds them and returns after a few queries.
"""

from samtrygg.actionplan.demo.builder import build
from samtrygg.actionplan.demo.data import (
    CONTROL_CANDIDATES,
    COUNCIL,
    EVALUATED_TITLE,
    INTERVENTIONS,
    NEW_DECISION_INTERVENTIONS,
    NEW_DECISION_TITLE,
    InterventionSpec,
    S,
)

__all__ = [
    "CONTROL_CANDIDATES",
    "COUNCIL",
    "EVALUATED_TITLE",
    "INTERVENTIONS",
    "NEW_DECISION_INTERVENTIONS",
    "NEW_DECISION_TITLE",
    "InterventionSpec",
    "S",
    "build",
]
