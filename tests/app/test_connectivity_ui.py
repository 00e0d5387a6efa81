"""Connectivity on the Inside page and the run exported as a script on the Train page."""

import numpy as np

from apphelpers import chart_spec, load_sample, page, spec_array, train
from rnnviz.analysis.connectivity import connectivity_all
from rnnviz.ui import state


def test_connectivity_tab_shows_the_models_own_gradients(app):
    at = train(load_sample(app, "airline"), epochs=2)
    page(at, "inside")
    run = state.RUN.get(at.session_state)
    strength = spec_array(chart_spec(at, "conn_chart")["data"][0]["customdata"])
    want = connectivity_all(run.job.model, run.job.recorder.x[0])[-1]
    assert strength.shape == want.shape and np.allclose(strength, want, rtol=1e-4)
    assert (strength > 0).all()  # many-to-one: every step reaches the single output


def test_text_connectivity_is_zero_after_the_chosen_step(app):
    at = load_sample(app, "shakespeare")
    at = train(at, epochs=1)
    page(at, "inside")
    at.slider(key="conn_step").set_value(10).run()
    strength = spec_array(chart_spec(at, "conn_chart")["data"][0]["customdata"])
    assert strength[:11].max() > 0 and np.all(strength[11:] == 0)


def test_train_page_exports_a_script_that_compiles(app):
    at = train(load_sample(app, "temperature"), epochs=1)
    buttons = {b.key: b for b in at.download_button}
    assert {"download_script", "download_notebook"} <= set(buttons)
    from rnnviz.script import writer

    run = state.RUN.get(at.session_state)
    code = writer.pytorch_script(writer.settings_for(run))
    compile(code, "exported.py", "exec")  # the page's download is this text
    assert "nn.LSTM" in code and "temperature" in code


def test_connectivity_tab_animates_over_the_recorded_snapshots(app):
    at = train(load_sample(app, "airline"), epochs=3)
    page(at, "inside")
    run = state.RUN.get(at.session_state)
    snaps = [s for s in run.job.snapshots() if s.conn is not None]
    spec = chart_spec(at, "conn_train")
    assert len(spec["frames"]) == min(len(snaps), 60) > 1
    shown = spec_array(spec["data"][0]["customdata"])  # the figure shows the last snapshot
    assert np.allclose(shown, snaps[-1].conn[0, -1], rtol=1e-5)
    assert spec["layout"]["sliders"][0]["steps"][-1]["label"] == str(snaps[-1].step)
