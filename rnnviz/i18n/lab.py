"""Strings of rnnviz: lab. {key: (English, 简体中文)}.

Entries that take parameters double their LaTeX braces ({{ }}); the others do not.
"""

STRINGS: dict[str, tuple[str, str]] = {
    # ---- the page
    "lab.title": ("Lab: memory & gradients", "实验室：记忆与梯度"),
    "lab.tab_keras": ("Hand check (Keras SimpleRNN)", "手算验证（Keras SimpleRNN）"),
    "lab.tab_gradients": ("Vanishing & exploding gradients", "梯度消失与梯度爆炸"),
    "lab.tab_memory": ("Memory tasks", "记忆任务"),
    "lab.keras_intro": (
        r"A Keras **SimpleRNN** with 2 inputs and 3 units: "
        r"$\mathbf{h}_t = \operatorname{act}(\mathbf{x}_t K + \mathbf{h}_{t-1} R + \mathbf{b})$"
        r" with $\mathbf{h}_0 = \mathbf{0}$: $\mathbf{h}_t$ is the state after step t, and "
        "u₁, u₂, u₃ name its units (the tables' columns). Edit any number: every result "
        "follows.",
        r"一个有 2 个输入、3 个单元的 Keras **SimpleRNN**："
        r"$\mathbf{h}_t = \operatorname{act}(\mathbf{x}_t K + \mathbf{h}_{t-1} R + \mathbf{b})$"
        r"，其中 $\mathbf{h}_0 = \mathbf{0}$：$\mathbf{h}_t$ 是第 t 步之后的隐藏状态，"
        "u₁、u₂、u₃ 是它的三个单元（表格的列）。修改任意一个数字，所有结果都会随之更新。",
    ),
    "lab.gradients_intro": (
        r"$\lVert \partial L / \partial \mathbf{h}_t \rVert$ says how much the loss at the end "
        "still reacts to the state at step t: where it is tiny, that step cannot learn. Watch "
        "the tanh RNN's line fall steeply towards t = 0 while the LSTM's flattens once it has "
        "learned the task; below, watch an unclipped gradient norm shoot up until the weights "
        "blow up, and clipping keep the same model training.",
        r"$\lVert \partial L / \partial \mathbf{h}_t \rVert$ 表示最后的损失对第 t 个时间步的"
        "隐藏状态还有多敏感：它极小的地方，那个时间步就学不到东西（梯度消失）。观察 tanh RNN 的"
        "曲线朝 t = 0 急剧下降，而 LSTM 的曲线在学会任务后变得平坦；在下方，观察未裁剪的梯度"
        "范数一路飙升，直到权重爆炸（梯度爆炸），而梯度裁剪能让同一个模型继续训练。",
    ),
    "lab.vanishing_header": ("Vanishing: tanh RNN and LSTM", "梯度消失：tanh RNN 与 LSTM"),
    "lab.exploding_header": (
        "Exploding: a ReLU RNN with large recurrent weights",
        "梯度爆炸：循环权重很大的 ReLU RNN",
    ),
    "lab.exploding_caption": (
        "Trained with plain SGD (learning rate 0.01) in a small loop of its own that records "
        "the total gradient norm of every step before and after clipping (Adam would rescale "
        "each step and hide the blow-up).",
        "用普通 SGD（学习率 0.01）在一个单独的小训练循环中训练，记录每一步裁剪前后的总梯度"
        "范数（Adam 会重新缩放每一步，从而掩盖爆炸）。",
    ),
    "lab.memory_intro": (
        "In the adding problem two of T numbers are marked and the answer is their sum, so a "
        "model must carry the first marked number through every later step. Watch the plain "
        'RNN stay on the "predicting the mean" line while the LSTM and GRU fall far below '
        "it: the longer T, the clearer the gap.",
        "在加法问题中，T 个数里有两个被标记，答案是它们的和，所以模型必须把第一个被标记的数"
        "一直记到之后的每个时间步。观察普通 RNN 停在“预测均值”这条线上，而 LSTM 和 GRU "
        "降到远低于它的位置：T 越长，差距越明显。",
    ),
    # ---- 1. hand check
    "lab.activation": ("Activation", "激活函数"),
    "lab.act_linear": ("none (linear)", "无（线性）"),
    "lab.act_tanh": ("tanh", "tanh"),
    "lab.act_relu": ("ReLU", "ReLU"),
    "lab.table_kernel": ("Kernel K", "核矩阵 K"),
    "lab.table_recurrent": ("Recurrent kernel R", "循环核矩阵 R"),
    "lab.table_bias": ("Bias b", "偏置 b"),
    "lab.table_inputs": ("Inputs x_t", "输入 x_t"),
    "lab.editor_kernel": (
        "**Kernel K** · 2 × 3 (row = input)",
        "**核矩阵 K** · 2 × 3（每行对应一个输入）",
    ),
    "lab.editor_recurrent": ("**Recurrent kernel R** · 3 × 3", "**循环核矩阵 R** · 3 × 3"),
    "lab.editor_bias": ("**Bias b** · 3", "**偏置 b** · 3"),
    "lab.editor_inputs": (
        r"**Inputs** $\mathbf{x}_t$ · a row per step",
        r"**输入** $\mathbf{x}_t$ · 每个时间步一行",
    ),
    "lab.reset": ("Reset to the example", "恢复示例"),
    "lab.outputs": (
        r"**Outputs** $\mathbf{h}_t$ · a row per step t, a column per unit u₁-u₃ (Keras "
        "returns only the last row unless `return_sequences=True`)",
        r"**输出** $\mathbf{h}_t$ · 每个时间步 t 一行，每个单元 u₁-u₃ 一列（除非设置 "
        "`return_sequences=True`，否则 Keras 只返回最后一行）",
    ),
    "lab.no_linear": (
        "torch's `nn.RNN` has only tanh and ReLU (no linear activation): pick one "
        "of those to run the same numbers through it.",
        "torch 的 `nn.RNN` 只有 tanh 和 ReLU（没有线性激活）：选择其中一个，"
        "就能把同样的数字在它里面算一遍。",
    ),
    "lab.torch_match": (
        "Matches `nn.RNN(2, 3, nonlinearity='{act}')`: max difference {diff:.1e}. "
        "Loaded with weight_ih_l0 = Kᵀ, weight_hh_l0 = Rᵀ, bias_ih_l0 = b, "
        "bias_hh_l0 = 0.",
        "与 `nn.RNN(2, 3, nonlinearity='{act}')` 的结果一致：最大差异 {diff:.1e}。"
        "载入方式：weight_ih_l0 = Kᵀ，weight_hh_l0 = Rᵀ，bias_ih_l0 = b，"
        "bias_hh_l0 = 0。",
    ),
    "lab.counts": ("**Parameters, counted two ways**", "**参数量，两种数法**"),
    "lab.count_keras": (
        r"\text{{Keras: }} u\,(i + u + 1) = 3\,(2 + 3 + 1) = {count}",
        r"\text{{Keras: }} u\,(i + u + 1) = 3\,(2 + 3 + 1) = {count}",
    ),
    "lab.count_torch": (
        r"\text{{PyTorch: }} H\,(I + H + 2) = 3\,(2 + 3 + 2) = {count}",
        r"\text{{PyTorch: }} H\,(I + H + 2) = 3\,(2 + 3 + 2) = {count}",
    ),
    "lab.one_bias": ("one bias vector b", "一个偏置向量 b"),
    "lab.two_biases": (
        "two bias vectors, b_ih and b_hh (torch itself counts {count} for "
        "`nn.RNN(2, 3)`); their sum plays Keras's b",
        "两个偏置向量 b_ih 和 b_hh（torch 自己对 `nn.RNN(2, 3)` 数出 {count} 个"
        "参数）；它们的和相当于 Keras 的 b",
    ),
    "lab.dense_title": (
        "**With the Dense(1) head** (the tutorial's `model.summary()`, 2 features)",
        "**加上 Dense(1) 输出层**（教程中的 `model.summary()`，2 个特征）",
    ),
    "lab.dense_keras_formula": (
        r"\text{Keras: } u\,(f + u + 1) + (u + 1)",
        r"\text{Keras: } u\,(f + u + 1) + (u + 1)",
    ),
    "lab.dense_torch_formula": (
        r"\text{PyTorch: } u\,(f + u + 2) + (u + 1)",
        r"\text{PyTorch: } u\,(f + u + 2) + (u + 1)",
    ),
    "lab.dense_units": ("units u", "单元数 u"),
    "lab.dense_keras": ("Keras: SimpleRNN + Dense", "Keras 的参数：SimpleRNN + Dense"),
    "lab.dense_torch": ("PyTorch: nn.RNN + nn.Linear", "PyTorch 的参数：nn.RNN + nn.Linear"),
    "lab.dense_row_keras": (
        "`SimpleRNN({u})` + `Dense(1)`: {rnn} + {head} = **{total}** parameters",
        "`SimpleRNN({u})` + `Dense(1)`：{rnn} + {head} = **{total}** 个参数",
    ),
    "lab.dense_row_torch": (
        "`nn.RNN({f}, {u})` + `nn.Linear({u}, 1)`: {rnn} + {head} = **{total}** parameters",
        "`nn.RNN({f}, {u})` + `nn.Linear({u}, 1)`：{rnn} + {head} = **{total}** 个参数",
    ),
    "lab.dense_caption": (
        "f = features, u = units. The head is the same in both: u weights and 1 bias (Keras "
        "calls it Dense, PyTorch nn.Linear); only the recurrent layer differs, by PyTorch's "
        "second bias vector (u more).",
        "f = 特征数，u = 单元数。两者的输出层相同：u 个权重加 1 个偏置（Keras 叫 Dense，"
        "PyTorch 叫 nn.Linear）；只有循环层不同，差在 PyTorch 的第二个偏置向量（多 u 个）。",
    ),
    "lab.summary_title": (
        "**As Keras prints it**: `model.summary()` of SimpleRNN(3) + Dense(1) and "
        "SimpleRNN(4) + Dense(1), input_shape=(3, 2)",
        "**Keras 打印的样子**：SimpleRNN(3) + Dense(1) 与 SimpleRNN(4) + Dense(1) 的 "
        "`model.summary()`，input_shape=(3, 2)",
    ),
    "lab.step_by_step": (
        r"**Step by step**: $\mathbf{h}_t$ for t = 1, 2, …, each a row of units u₁-u₃",
        r"**逐步计算**：t = 1, 2, … 时的 $\mathbf{h}_t$，每个都是一行单元 u₁-u₃",
    ),
    "lab.every_product": ("Every multiplication of step {step}", "第 {step} 步的每一次乘法"),
    "lab.first_steps": (
        "The first {shown} of {total} steps are written out; the table above has all.",
        "这里只写出了 {total} 步中的前 {shown} 步；上面的表格包含全部时间步。",
    ),
    # ---- what rnnviz.experiments.lab_setups says about an edited table
    "lab.err.columns": (
        "{name} needs {cols} columns, it has {has}.",
        "{name} 需要 {cols} 列，现在有 {has} 列。",
    ),
    "lab.err.rows_between": (
        "{name} needs between 1 and {most} rows, it has {has}. Add a row "
        "with the + below the table.",
        "{name} 需要 1 到 {most} 行，现在有 {has} 行。用表格下方的 + 添加一行。",
    ),
    "lab.err.rows": (
        "{name} needs {rows} rows, it has {has}.",
        "{name} 需要 {rows} 行，现在有 {has} 行。",
    ),
    "lab.err.cells": (
        "{name}: {cells}{more}. Type a number in every cell (for example 0.5 or "
        "-2), or press Reset to get the example back.",
        "{name}：{cells}{more}。请在每个单元格中输入数字（例如 0.5 或 -2），"
        "或按“恢复示例”找回示例。",
    ),
    "lab.err.more": (" (and {n} more)", "（还有 {n} 处）"),
    "lab.err.where": ("row {row}, column {col}", "第 {row} 行、{col} 列"),
    "lab.err.empty": (
        "{where} is empty (text typed into a number cell is dropped, too)",
        "{where}为空（在数字单元格中输入的文字也会被丢弃）",
    ),
    "lab.err.not_number": (
        "{where} holds {raw}, which is not a finite number",
        "{where}的内容是 {raw}，不是有限的数字",
    ),
    "lab.err.torch_activation": (
        "nn.RNN has only tanh and relu nonlinearities",
        "nn.RNN 只支持 tanh 和 relu 两种非线性函数",
    ),
    "lab.err.scale": ("scale must be > 0", "`scale` 必须大于 0"),
    # ---- shared by the three sections
    "lab.run": ("Run", "运行"),
    "lab.task": ("Task", "任务"),
    "lab.seq_len": ("Sequence length T", "序列长度 T"),
    "lab.steps_each": ("Training steps (each model)", "训练步数（每个模型）"),
    "lab.building_models": ("Building the models…", "正在构建模型…"),
    "lab.building_model": ("Building the model…", "正在构建模型…"),
    "lab.mse_log": ("MSE (log scale)", "MSE（对数刻度）"),
    "lab.mean": ("predicting the mean", "预测均值"),
    # ---- 2. gradients
    "lab.grad_steps_help": (
        "The LSTM's line flattens once it has learned the task: a few "
        "hundred steps on the adding problem.",
        "LSTM 的曲线在学会任务后会变平：在加法问题上需要几百步。",
    ),
    "lab.grad_press": (
        "Press **Run** to train a tanh RNN and an LSTM side by side (about 10-20 s).",
        "按**运行**，并排训练一个 tanh RNN 和一个 LSTM（大约 10-20 秒）。",
    ),
    "lab.grad_caption": (
        "{task}, T = {T}, {steps} steps each: {hidden} units, Adam (learning "
        "rate {lr:g}), clipping at norm 1.",
        "{task}，T = {T}，每个模型 {steps} 步：{hidden} 个单元，Adam（学习率 "
        "{lr:g}），梯度裁剪阈值为范数 1。",
    ),
    "lab.frame_step": ("step {step}", "第 {step} 步"),
    "lab.grad_validation": (
        "{name}: validation MSE {mse:.3g} (predicting the mean scores {baseline:.3g})",
        "{name}：验证 MSE {mse:.3g}（预测均值的 MSE 为 {baseline:.3g}）",
    ),
    "lab.grad_title": (
        "{name}: ‖∂L/∂h<sub>t</sub>‖ at each time step",
        "{name}：每个时间步的 ‖∂L/∂h<sub>t</sub>‖",
    ),
    "lab.scale": ("Spectral radius of W_hh at the start", "W_hh 的初始谱半径"),
    "lab.scale_help": (
        "torch's default init gives about 0.6; above 1 a signal sent back "
        "through many steps can grow at every step.",
        "torch 的默认初始化约为 0.6；大于 1 时，沿许多时间步往回传的信号可能每一步都在变大。",
    ),
    "lab.steps": ("Training steps", "训练步数"),
    "lab.clip": ("Clip gradients at norm {clip:g}", "按范数 {clip:g} 裁剪梯度"),
    "lab.explode_press": (
        "Press **Run** with clipping off, then turn clipping on and run "
        "again: both runs stay on the charts.",
        "先在关闭裁剪时按**运行**，再开启裁剪重新运行：两次运行都会留在图表上。",
    ),
    "lab.run_status": ("**{run}:** {message}", "**{run}：** {message}"),
    "lab.run_on": ("Clipping on", "开启裁剪"),
    "lab.run_off": ("No clipping", "不裁剪"),
    "lab.training": ("training…", "训练中…"),
    "lab.norm_title": ("Total gradient norm at each step", "每一步的总梯度范数"),
    "lab.norm_y": ("‖∂L/∂θ‖ (log scale)", "‖∂L/∂θ‖（对数刻度）"),
    "lab.clip_line": ("clip threshold {clip:g}", "裁剪阈值 {clip:g}"),
    "lab.loss_title": ("Training loss", "训练损失"),
    # curve names of the exploding charts (rnnviz.experiments.lab_setups.explode_curves)
    "lab.curve_off": ("no clipping", "不裁剪"),
    "lab.curve_before": ("clipping on: before clipping", "开启裁剪：裁剪前"),
    "lab.curve_after": ("clipping on: after clipping", "开启裁剪：裁剪后"),
    "lab.curve_on": ("clipping on", "开启裁剪"),
    # what an exploding run says when it ends (rnnviz.experiments.lab_setups.ExplodeJob)
    "lab.job.stopped": ("Stopped at step {step}.", "在第 {step} 步停止。"),
    "lab.job.loss_blew_up": (
        "The loss became {loss} at step {step}: the weights blew up.",
        "第 {step} 步时损失变成了 {loss}：权重爆炸了。",
    ),
    "lab.job.norm_overflow": (
        "The gradient norm overflowed to {norm} at step {step}.",
        "第 {step} 步时梯度范数溢出为 {norm}。",
    ),
    "lab.job.finished": ("Finished {steps} steps.", "已完成 {steps} 步。"),
    # ---- 3. memory tasks
    "lab.models": ("Models", "模型"),
    "lab.race": ("Race", "比赛"),
    "lab.twins": (
        "This task predicts at every step, so each model also races its "
        'bidirectional twin ("bi"), which reads the sequence backwards too.',
        "这个任务在每个时间步都要预测，所以每个模型还会与它的双向版本（“双向”）"
        "一起比赛，双向模型还会从后往前读取序列。",
    ),
    "code.unknown_cells": (
        "unknown cells {cells}; the codes are {known}",
        "未知的单元 {cells}；可用的代码为 {known}",
    ),
    "lab.pick_one": ("Pick at least one model to race.", "请至少选择一个模型参赛。"),
    "lab.memory_press": (
        "Press **Race** to train the models at once on the same sequences; "
        "their loss curves appear here.",
        "按**比赛**，在相同的序列上同时训练这些模型；它们的损失曲线会显示在这里。",
    ),
    "lab.memory_caption": (
        "{task}, T = {T}, {steps} steps each: {hidden} units, Adam (learning "
        "rate {lr:g}), batch 64, the same batches and seed for every model.",
        "{task}，T = {T}，每个模型 {steps} 步：{hidden} 个单元，Adam（学习率 "
        "{lr:g}），批大小 64，每个模型的批次和随机种子都相同。",
    ),
    "lab.memory_title": (
        "Training loss (mean of the last 25 steps)",
        "训练损失（最近 25 步的平均值）",
    ),
    "lab.memory_table": (
        "× baseline: validation MSE divided by what predicting the mean scores "
        "(about 1 = learned nothing). samples/s: while all models trained at "
        "once.",
        "× 基线：验证 MSE 除以预测均值的 MSE（约为 1 表示什么也没学到）。"
        "样本/秒：所有模型同时训练时的速度。",
    ),
    # Table headers; the English text is also the rows' key
    # (rnnviz.experiments.lab_setups.race_rows).
    "lab.col.validation": ("validation MSE", "验证 MSE"),
    "lab.col.ratio": ("× baseline", "× 基线"),
    # ---- the synthetic tasks (rnnviz.experiments.tasks)
    "task.adding": ("Adding problem", "加法问题"),
    "task.recall": ("Delayed recall (copy the first value)", "延迟回忆（复制第一个值）"),
    "task.future": ("Predict the next input (needs the future)", "预测下一个输入（需要未来信息）"),
    "task.err.short": ("T must be at least 2", "T 至少为 2"),
}
