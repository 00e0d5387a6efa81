"""Every page with AppTest: empty, with each sample, with an upload, and the full flow."""

import json

import pytest

from apphelpers import TEMPERATURE_CSV, load_sample, page, texts, train, upload
from rnnviz.data.samples import SAMPLES
from rnnviz.safe_text import md
from rnnviz.ui import state

PAGES = ["data", "model", "train", "inside", "predict"]


def test_home_renders_with_a_quick_start(app):
    assert "rnnviz" in app.title[0].value
    assert app.button(key="quick_start")


@pytest.mark.parametrize("name", ["train", "inside", "predict"])
def test_pages_without_data_point_to_the_data_page(app, name):
    page(app, name)
    assert "Data" in texts(app.info)


def test_data_page_without_data_invites_a_choice(app):
    page(app, "data")
    assert "sample" in texts(app.info).lower()


def test_model_page_without_data_shows_equations_and_counts(app):
    page(app, "model")
    assert len(app.latex) >= 2
    assert any("Parameters" in s.value for s in app.subheader)


@pytest.mark.parametrize("key", list(SAMPLES))
def test_each_sample_loads_and_every_page_renders(app, key):
    load_sample(app, key)
    assert md(SAMPLES[key].title) in texts(app.success)  # names are escaped Markdown
    for name in ["model", "train"]:
        page(app, name)


def test_upload_a_csv_then_pick_columns(app):
    upload(app, "my temps.csv", TEMPERATURE_CSV)
    assert md("my temps.csv") in texts(app.success)
    assert app.selectbox(key="target_col").value == "Temp"
    app.number_input(key="window").set_value(7).run()
    assert not app.exception
    assert state.PREP_CFG.get(app.session_state).window == 7


def test_quick_start_goes_to_train_with_data_and_model(app):
    app.button(key="quick_start").click().run()
    assert not app.exception
    assert state.DATASET.get(app.session_state).sample.key == "temperature"
    assert app.button(key="train")


def test_cell_choice_changes_equations(app):
    page(app, "model")
    app.segmented_control(key="cell").set_value("gru").run()
    assert any("z_t" in e.value for e in app.latex)
    app.segmented_control(key="cell").set_value("lstm").run()
    assert any("c_t" in e.value for e in app.latex)


def _frames(chart) -> int:
    return len(json.loads(chart.proto.spec).get("frames", []))


def test_full_flow_upload_model_train_inside_predict(app):
    upload(app, "temps.csv", TEMPERATURE_CSV)
    app.number_input(key="window").set_value(7).run()
    page(app, "model")
    app.segmented_control(key="cell").set_value("gru").run()
    train(app, epochs=3)
    assert "Finished" in texts(app.success)
    assert "done" in texts(app.sidebar.markdown)
    saved = {b.key for b in app.get("download_button")}
    assert {"download_model", "download_config", "download_history"} <= saved
    page(app, "inside")
    charts = app.get("plotly_chart")
    assert charts and _frames(charts[0]) > 1
    page(app, "predict")
    table = app.dataframe[0].value
    assert {"MAE", "RMSE"} <= set(table.columns)
    assert set(table["predictor"]) >= {"model", "last value"}


def test_text_sample_trains_and_generates(app):
    load_sample(app, "shakespeare")
    app.slider(key="seq_len").set_value(32).run()
    page(app, "model")
    app.select_slider(key="hidden_size").set_value(16).run()
    page(app, "train")
    app.number_input(key="epochs").set_value(1).run()
    assert state.PREP_CFG.get(app.session_state) is not None  # exists
    train(app, epochs=1)
    page(app, "predict")
    app.button(key="generate").click().run()
    assert not app.exception
    # The prompt is a line of the run's own text (rnnviz.data.text.default_prompt), not "ROMEO:".
    assert app.code and app.code[0].value.startswith(app.text_input(key="prompt").value)


BAD_UPLOADS = {
    "empty.csv": b"",
    "header_only.csv": b"Date,Temp\n",
    "binary.csv": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
    "no_numbers.csv": b"name,city\nann,paris\nbob,rome\ncid,oslo\n",
    "one_row.csv": b"Date,Temp\n2020-01-01,12.5\n",
    "four_rows.csv": b"Date,Temp\n2020-01-01,1\n2020-01-02,2\n2020-01-03,3\n2020-01-04,4\n",
}


@pytest.mark.parametrize("name", list(BAD_UPLOADS))
def test_bad_upload_shows_an_error_and_keeps_the_previous_data(app, name):
    load_sample(app, "airline")
    upload(app, name, BAD_UPLOADS[name])
    errors = texts(app.error)
    assert errors and "previous data set stays loaded" in errors
    assert len(errors) > 60  # says what is wrong and what to do
    assert state.DATASET.get(app.session_state).sample.key == "airline"
    assert md(SAMPLES["airline"].title) in texts(app.success)
    page(app, "model")  # the app goes on working with the old data
    assert not app.exception


def test_window_longer_than_the_series_is_refused_and_old_settings_stay(app):
    upload(app, "temps.csv", TEMPERATURE_CSV)
    before = state.PREP_CFG.get(app.session_state)
    app.number_input(key="window").set_value(200).run()
    assert not app.exception
    assert "too short" in texts(app.error)
    assert state.PREP_CFG.get(app.session_state) == before


def test_html_in_uploaded_column_names_is_shown_as_text(app):
    csv = (
        b"Date,<b>Temp</b><script>alert(1)</script>\n"
        + b"\n".join(f"2020-01-{d:02d},{d % 5}".encode() for d in range(1, 29))
        + b"\n"
    )
    upload(app, "html.csv", csv)
    assert not app.exception
    assert app.selectbox(key="target_col").value == "<b>Temp</b><script>alert(1)</script>"


def test_saved_model_round_trip_through_the_model_page(app):
    from rnnviz.files.model_file import model_bytes
    from rnnviz.ui import jobs  # noqa: F401  (the page registers the loaded job)

    upload(app, "temps.csv", TEMPERATURE_CSV)
    app.number_input(key="window").set_value(7).run()
    train(app, epochs=1)
    page(app, "model")
    job_model = state.MODEL_CFG.get(app.session_state)
    from rnnviz.model.network import build_model
    from rnnviz.model.sizes import model_config_for

    cfg = model_config_for(state.PREPARED.get(app.session_state), job_model)
    raw = model_bytes(build_model(cfg, seed=5))
    app.file_uploader(key="model_upload").upload(
        "m.safetensors", raw, "application/octet-stream"
    ).run()
    assert not app.exception
    app.button(key="use_loaded").click().run()
    assert "Loaded" in texts(app.success)
    page(app, "inside")
    assert app.get("plotly_chart")
    page(app, "model")
    app.file_uploader(key="model_upload").upload(
        "bad.safetensors", b"\x80\x04garbage", "application/octet-stream"
    ).run()
    assert not app.exception and "not an rnnviz model" in texts(app.error)


def test_a_huge_table_offers_the_newest_rows_or_thinning(app):
    import numpy as np

    n = 250_000
    days = np.arange(n)
    csv = "t,v\n" + "\n".join(f"{d},{np.sin(d / 9):.3f}" for d in days[:n])
    upload(app, "big.csv", csv.encode())
    assert "250,000 rows" in texts(app.warning)
    assert state.PREP_CFG.get(app.session_state).last_rows == 200_000
    app.radio(key="row_choice").set_value("Keep every k-th row").run()
    assert not app.exception
    assert state.PREP_CFG.get(app.session_state).every_nth == 2


def test_an_oversized_run_is_refused_before_it_starts(app):
    load_sample(app, "airline")
    page(app, "model")
    app.select_slider(key="hidden_size").set_value(256).run()
    app.number_input(key="num_layers").set_value(4).run()
    app.toggle(key="bidirectional").set_value(True).run()
    page(app, "train")
    app.select_slider(key="batch_size").set_value(256).run()
    import rnnviz.server.limits as limits

    old = limits.MEMORY_SHARE
    limits.MEMORY_SHARE = 1e-6  # as if the machine were tiny
    try:
        app.button(key="train").click().run()
    finally:
        limits.MEMORY_SHARE = old
    assert "memory" in texts(app.error)
    from rnnviz.ui import state

    assert state.RUN.get(app.session_state) is None  # no run was made
