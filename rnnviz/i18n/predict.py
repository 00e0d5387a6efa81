"""Strings of rnnviz: predict. {key: (English, 简体中文)}.

The Predict page and its widgets (predict.*), and the figures of series and text
(fig.series.*: the data, sliding windows, predictions; fig.text.*: activations along a
text), which the Data, Inside and Predict pages show.
"""

STRINGS: dict[str, tuple[str, str]] = {
    "predict.training_running": (
        "Training is running. The predictions of the finished model appear here by "
        "themselves when it ends (or when you stop it).",
        "训练正在进行。训练结束（或你停止它）时，这里会自动显示训练完成的模型的预测。",
    ),
    # ---- a series: the test set against baselines, and a forecast ------------------------
    "predict.season": (
        "Season length for the seasonal-naive baseline (steps)",
        "季节性朴素基线的季节长度（步）",
    ),
    "predict.season_help": (
        "e.g. 12 for monthly data with a yearly cycle, 7 for daily data with a weekly one.",
        "例如：按月的数据、以年为周期时取 12；按天的数据、以周为周期时取 7。",
    ),
    "predict.forecast_steps": ("Forecast steps past the end", "向数据末尾之后预测的步数"),
    "predict.season_too_short": (
        "The season length must be at least the horizon ({horizon}).",
        "季节长度必须至少等于预测步长（{horizon}）。",
    ),
    "predict.season_error": (
        "The season length must be at least the horizon ({horizon}): a shorter one would use "
        "values the model cannot see.",
        "季节长度必须至少等于预测步长（{horizon}）：更短的季节会用到模型看不到的值。",
    ),
    "predict.train_title": (
        "The model on the days it trained on",
        "模型在它训练过的日子上的表现",
    ),
    "predict.no_test": (
        "This run holds nothing back (validation and test shares of 0, as the tutorial "
        "trains): there is no test part, so these are predictions for rows the model has seen, "
        "not a test of how it does on new ones.",
        "这次运行没有留出任何数据（验证和测试比例都是 0，和教程的训练方式一样）：没有测试部分，"
        "所以这里是模型见过的行上的预测，并不能检验它在新数据上的表现。",
    ),
    "predict.test_title": (
        "Test set: model against naive baselines",
        "测试集：模型与朴素基线的对比",
    ),
    "predict.col.predictor": ("predictor", "预测方法"),
    # the predictors' names: the engine names them, the table and the chart show them
    "predict.name.model": ("model", "模型"),
    "predict.name.last": ("last value", "上一个值"),
    "predict.name.seasonal": ("seasonal naive", "季节性朴素"),
    "predict.best": (
        "Lowest RMSE: **{best}**. Values in the target's original units ({target}). A model "
        "that cannot beat 'last value' has not learned more than persistence.",
        "RMSE 最低：**{best}**。数值使用目标列的原始单位（{target}）。"
        "如果模型连“上一个值”都比不过，说明它学到的不比“保持不变”更多。",
    ),
    "predict.one_value": (
        "This model reads more than the target column; the future of the other inputs is "
        "unknown, so it forecasts one value, `horizon` steps ahead.",
        "这个模型读取的不只是目标列；其他输入的未来值未知，所以它只预测一个值，"
        "即 `horizon`（预测步长）步之后的值。",
    ),
    "predict.download": ("Download test predictions (CSV)", "下载测试集预测结果（CSV）"),
    # ---- text: generation ----------------------------------------------------------------
    "predict.bidirectional": (
        "A bidirectional model reads the future during training, so it cannot "
        "generate text one character at a time well. Train a unidirectional one.",
        "双向模型在训练时读到了“未来”，所以不能很好地逐个字符生成文本。请训练一个单向模型。",
    ),
    "predict.prompt": ("Prompt", "提示文本"),
    "predict.temperature": ("Temperature", "温度"),
    "predict.temperature_help": (
        "Low: safe, repetitive; high: adventurous, misspelt.",
        "低：稳妥但重复；高：大胆但容易拼错。",
    ),
    "predict.length": ("Characters to generate", "生成的字符数"),
    "predict.unit": ("Colour by hidden unit", "按隐藏单元着色"),
    "predict.generate": ("Generate", "生成"),
    "predict.press_generate": (
        "Press **Generate** to sample text from the model.",
        "点击**生成**，从模型中采样文本。",
    ),
    "predict.skipped": (
        "Left out of the prompt (not in the vocabulary): {chars}",
        "提示文本中被略去的字符（不在词表中）：{chars}",
    ),
    # ---- figures: the data, windows and predictions --------------------------------------
    "fig.series.data.title": ("The data", "数据"),
    "fig.series.data.x": ("time", "时间"),
    "fig.series.data.y": ("value", "数值"),
    "fig.series.data.train": ("train", "训练集"),
    "fig.series.data.val": ("validation", "验证集"),
    "fig.series.data.test": ("test", "测试集"),
    "fig.series.window.title": (
        "How the model reads the series: sliding windows",
        "模型如何读取序列：滑动窗口",
    ),
    "fig.series.window.series": ("series", "序列"),
    "fig.series.window.window": ("input window", "输入窗口"),
    "fig.series.window.target": ("target", "目标"),
    "fig.series.window.slider": ("window starts at row ", "窗口起始行："),
    "fig.series.prediction.title": ("Predictions on the test period", "测试期的预测"),
    "fig.series.prediction.actual": ("actual", "实际值"),
    "fig.series.prediction.forecast": ("forecast", "未来预测"),
    "fig.series.err_window": (
        "window and horizon must be at least 1",
        "窗口和预测步长都必须至少为 1",
    ),
    "fig.series.err_inside": (
        "every window and its target must lie inside the series",
        "每个窗口及其目标都必须位于序列之内",
    ),
    # ---- figures: one unit's activation along a text -------------------------------------
    "fig.text.title": ("Activation of one unit along the text", "一个单元沿文本的激活值"),
    "fig.text.char": ("character", "字符"),
    "fig.text.position": ("position", "位置"),
    "fig.text.value": ("activation", "激活值"),
    "fig.text.err_width": ("width must be at least 1", "宽度必须至少为 1"),
    "fig.text.err_count": (
        "{n} activations for {chars} characters",
        "{n} 个激活值对应 {chars} 个字符，数量不符",
    ),
    # ------------------------------------------------------------ typed sequence -> prediction
    "typed.predict.title": ("Type a sequence → prediction", "输入一个序列 → 预测"),
    "typed.predict.help": (
        "The model reads {features} number(s) per step ({inputs}); it was trained on {window} "
        "steps but reads any length. Without `;` every number is one step; with `;` the `;` "
        "separates steps and commas or spaces the features inside a step.",
        "模型每个时间步读取 {features} 个数字（{inputs}）；它在 {window} 个时间步上训练，但可以读取"
        "任意长度。不含 `;` 时每个数字是一个时间步；含 `;` 时 `;` 分隔时间步，"
        "逗号或空格分隔步内的特征。",
    ),
    "typed.predict.label": ("Sequence", "序列"),
    "typed.predict.answer": ("The model's answer for {target}", "模型的回答（{target}）"),
    "typed.predict.by_run": (
        "From the model shown on this page: trained on {name}, predicting {target}.",
        "来自本页所示的模型：在 {name} 上训练，预测 {target}。",
    ),
    "typed.predict.length": (
        "You typed {steps} steps; the model was trained on {window}. A recurrent network reads "
        "any length, but it learned from {window}: treat the answer with care.",
        "你输入了 {steps} 个时间步；模型是在 {window} 个时间步上训练的。循环网络可以读取任意长度，"
        "但它是从 {window} 个时间步学到的：请谨慎看待这个回答。",
    ),
    "typed.predict.per_step": (
        "The model predicts at every step (many-to-many); the answer above is the last step's.",
        "模型在每个时间步都做预测（多对多）；上面的回答是最后一步的。",
    ),
    "typed.predict.rows_title": (
        "The typed rows and the model's answers",
        "输入的各行与模型的回答",
    ),
    "typed.predict.no_test": (
        "Typed rows have no test set (too few to hold any back): these are the rows the model "
        "trained on. Type a new sequence below to test it.",
        "输入的数据没有测试集（行数太少，无法留出）：这些就是模型训练用的行。"
        "请在下面输入一个新序列来测试它。",
    ),
    "typed.predict.col_answer": ("model", "模型"),
    "typed.err.feature_count": (
        "You typed {typed} number(s) per step, but the model reads {wanted} ({inputs}). Type "
        "{wanted} per step, steps separated by `;`.",
        "你每个时间步输入了 {typed} 个数字，但模型读取 {wanted} 个（{inputs}）。"
        "请每步输入 {wanted} 个数字，时间步之间用 `;` 分隔。",
    ),
    "typed.err.too_large": (
        "A number is far outside what the model was trained on. Type values "
        "near the training data.",
        "有数字远远超出模型训练时的数据范围。请输入接近训练数据的数值。",
    ),
    # ---- the test set run once, drawn thinned ------------------------------------------------
    "predict.evaluating": (
        "Running the model over {n:,} test windows (once for these weights)…",
        "正在用模型计算 {n:,} 个测试窗口（这组权重只算一次）…",
    ),
    "predict.points_thinned": (
        "The chart draws {shown:,} of {total:,} test points a line (the lowest and highest of "
        "each stretch, so spikes stay); the table's errors use all {total:,}.",
        "图中每条线画出 {total:,} 个测试点中的 {shown:,} 个（每一段的最低点和最高点，"
        "峰值不会丢失）；"
        "表中的误差使用全部 {total:,} 个点。",
    ),
}
