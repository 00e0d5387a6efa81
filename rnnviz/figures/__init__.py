"""Figure builders: numpy arrays in, plotly go.Figure out (no I/O, no streamlit).

Every user-facing string comes from a `labels` mapping merged over the builder's defaults
(the *_LABELS dicts). Those hold catalog keys (rnnviz.i18n), put into the current language
each time a figure is built, so a figure is in the language of the page that asked for it.
Animations show their last frame until Play is pressed (see _anim.py).
"""

from rnnviz.figures._anim import presenting, set_present_fallback, use_present
from rnnviz.figures.budget import FIGURE_BUDGET, thinned
from rnnviz.figures.connectivity import (
    CONN_TRAINING_LABELS,
    CONNECTIVITY_LABELS,
    connectivity_animation,
    connectivity_figure,
)
from rnnviz.figures.diagram import DIAGRAM_LABELS, shown_steps, unrolled_figure
from rnnviz.figures.gates import (
    GATE_BARS_LABELS,
    GATE_HEATMAPS_LABELS,
    default_range,
    gate_bars_animation,
    gate_heatmaps,
    gate_panels,
    gate_ranges,
    panel_title,
)
from rnnviz.figures.inside import (
    HIDDEN_FILL_LABELS,
    PCA_LABELS,
    SNAPSHOT_LABELS,
    hidden_fill_animation,
    pca_project,
    pca_trajectory_animation,
    snapshot_heatmap_animation,
)
from rnnviz.figures.insight import GATE_SHARE_LABELS, gate_share_figure
from rnnviz.figures.series import (
    PREDICTION_LABELS,
    SERIES_LABELS,
    WINDOW_LABELS,
    prediction_figure,
    series_figure,
    window_animation,
)
from rnnviz.figures.text import CHAR_LABELS, char_activation_figure, char_grid
from rnnviz.figures.training import (
    GRAD_LABELS,
    LOSS_LABELS,
    RACE_LABELS,
    grad_norm_animation,
    loss_figure,
    race_figure,
)

__all__ = [
    "CHAR_LABELS",
    "CONNECTIVITY_LABELS",
    "DIAGRAM_LABELS",
    "GATE_BARS_LABELS",
    "GATE_HEATMAPS_LABELS",
    "GATE_SHARE_LABELS",
    "GRAD_LABELS",
    "HIDDEN_FILL_LABELS",
    "LOSS_LABELS",
    "PCA_LABELS",
    "PREDICTION_LABELS",
    "RACE_LABELS",
    "SERIES_LABELS",
    "SNAPSHOT_LABELS",
    "WINDOW_LABELS",
    "char_activation_figure",
    "char_grid",
    "CONN_TRAINING_LABELS",
    "connectivity_animation",
    "connectivity_figure",
    "default_range",
    "gate_bars_animation",
    "gate_heatmaps",
    "gate_panels",
    "gate_ranges",
    "gate_share_figure",
    "grad_norm_animation",
    "hidden_fill_animation",
    "loss_figure",
    "panel_title",
    "pca_project",
    "pca_trajectory_animation",
    "prediction_figure",
    "race_figure",
    "series_figure",
    "shown_steps",
    "snapshot_heatmap_animation",
    "unrolled_figure",
    "window_animation",
    "presenting",
    "set_present_fallback",
    "use_present",
    "FIGURE_BUDGET",
    "thinned",
]
