"""A loaded model becomes the Model page's architecture, every setting of it: the widgets
that would write their old values back are cleared, whichever ModelConfig settings exist."""

from apphelpers import page
from rnnviz.files.model_file import model_bytes
from rnnviz.model.network import ModelConfig, build_model
from rnnviz.ui import state

OCTET = "application/octet-stream"


def test_a_loaded_model_without_a_head_leaves_head_none_in_the_settings(app):
    # One output read straight off a width-1 hidden state: a head of "none" fits.
    cfg = ModelConfig(cell="gru", hidden_size=1, num_layers=2, dropout=0.2, head="none")
    page(app, "model")
    assert state.MODEL_CFG.get(app.session_state) is None or (
        state.MODEL_CFG.get(app.session_state).head == "linear"
    )
    app.file_uploader(key="model_upload").upload(
        "m.safetensors", model_bytes(build_model(cfg)), OCTET
    ).run()
    assert not app.exception, app.exception
    loaded = state.MODEL_CFG.get(app.session_state)
    assert (loaded.cell, loaded.hidden_size, loaded.num_layers, loaded.head) == (
        "gru",
        1,
        2,
        "none",
    )
    assert app.radio(key="head").value == "none"
    app.run()  # a rerun keeps it: the widget now holds the model's value
    assert state.MODEL_CFG.get(app.session_state).head == "none"
