"""Strings of rnnviz: compare. {key: (English, 简体中文)}.

`race.*` keys are shared with the Lab page's races (rnnviz.experiments.race, the results tables).
"""

STRINGS: dict[str, tuple[str, str]] = {
    # ---- the page
    "compare.title": ("Architecture race: RNN · LSTM · GRU", "架构竞赛：RNN · LSTM · GRU"),
    "compare.intro": (
        "Train the three cells on **your current data** with the same budget, all "
        "at once, and watch whose loss falls fastest. When the race ends, the table "
        "shows each model's validation loss, size and speed.",
        "用**你当前的数据**和相同的训练预算，同时训练这三种单元，看谁的损失"
        "下降得最快。比赛结束后，表格会列出每个模型的验证损失、大小和速度。",
    ),
    # ---- entrants and budget
    "compare.entrants": (
        "**Entrants:** RNN, LSTM and GRU, plus",
        "**参赛者：** RNN、LSTM 和 GRU，再加上",
    ),
    "compare.bidirectional": ("bidirectional variants", "双向变体"),
    "compare.deep": ("2-layer variants", "2 层（深层）变体"),
    "compare.budget": ("Budget", "训练预算"),
    "compare.budget_steps": ("Same number of steps", "相同的训练步数"),
    "compare.budget_seconds": ("Same seconds each", "每个模型相同的秒数"),
    "compare.steps": ("Training steps for each model", "每个模型的训练步数"),
    "compare.seconds": ("Seconds for each model (wall clock)", "每个模型的秒数（实际耗时）"),
    "compare.seconds_help": (
        "All models train at once, so on a small CPU the time is fair on average, not exactly.",
        "所有模型同时训练，所以在小型 CPU 上，时间只是平均而言公平，并不精确相等。",
    ),
    "compare.describe": (
        "{n} models, each with {hidden} hidden units (from the Model page) and "
        "the Train page's settings ({optimizer}, learning rate {lr:g}, batch "
        "{batch}, seed {seed}): the same data, batches and starting seed for "
        "every one.",
        "共 {n} 个模型，每个有 {hidden} 个隐藏单元（来自“模型”页），并使用“训练”页"
        "的设置（{optimizer}，学习率 {lr:g}，批大小 {batch}，随机种子 {seed}）："
        "每个模型的数据、批次和初始种子都相同。",
    ),
    "compare.adam": ("Adam", "Adam"),
    # ---- buttons
    "compare.start": ("Start race", "开始比赛"),
    "compare.already_running": (
        "A race is already running: press Stop first, or wait for it to finish.",
        "已有一场比赛在进行：请先按“停止”，或等它结束。",
    ),
    "compare.refused": ("{model}: {reason}", "{model}：{reason}"),
    # ---- live panel
    "compare.racing": (
        "Racing on **{data}**: {left} of {total} models still training…",
        "正在 **{data}** 上比赛：{total} 个模型中还有 {left} 个在训练…",
    ),
    "compare.press_start": (
        "Press **Start race** to train every model at once; their loss "
        "curves appear here side by side.",
        "按**开始比赛**同时训练所有模型；它们的损失曲线会并排显示在这里。",
    ),
    "compare.stale": (
        "This race ran on **{data}** with earlier settings. Press **Start race** to "
        "race with the current data and settings.",
        "这场比赛是在 **{data}** 上用之前的设置进行的。按**开始比赛**，"
        "用当前的数据和设置重新比赛。",
    ),
    "compare.by_steps": ("same number of steps", "相同步数"),
    "compare.by_seconds": ("same seconds each", "每个模型相同秒数"),
    "compare.chart_title": ("Training loss ({by}, smoothed)", "训练损失（{by}，已平滑）"),
    "compare.baseline": ("always predicting the mean", "始终预测均值"),
    # ---- results
    "compare.help_final": ("Mean of the last 20 training steps", "最后 20 个训练步的平均值"),
    "compare.help_validation": (
        "On up to 256 validation samples after the race",
        "比赛结束后，在最多 256 个验证样本上计算",
    ),
    "compare.no_winner": (
        "No model has a validation loss to compare (no validation data, or every run failed).",
        "没有可供比较验证损失的模型（没有验证数据，或每次训练都失败了）。",
    ),
    "compare.winner": (
        "**{model}** wins with the lowest validation loss, {loss:.4g}",
        "**{model}** 获胜，验证损失最低，为 {loss:.4g}",
    ),
    "compare.winner_gap": (
        ", {gap:.0%} below the runner-up, {second}",
        "，比第二名 {second} 低 {gap:.0%}",
    ),
    "compare.winner_size": (
        " ({params:,} parameters, {steps:,} steps)",
        "（{params:,} 个参数，{steps:,} 步）",
    ),
    "compare.tie": (
        "**{model}** and **{second}** tie: their validation losses, {loss:.4g} "
        "and {second_loss:.4g}, differ by less than {limit:.0%} or by no more than "
        "the noise of their last evaluations",
        "**{model}** 与 **{second}** 打平：两者的验证损失 {loss:.4g} 和 "
        "{second_loss:.4g} 相差不到 {limit:.0%}，或不超过最近几次评估的波动",
    ),
    "compare.winner_stopped": (", though the race was stopped early", "，不过比赛被提前停止了"),
    "compare.winner_end": (".", "。"),
    # ---- shared by the races of the Compare and Lab pages
    "race.stop": ("Stop", "停止"),
    "race.steps": ("Steps: {steps}", "步数：{steps}"),
    "race.x_step": ("training step", "训练步"),
    "race.bidirectional": ("{cell} bi", "{cell} 双向"),
    "race.two_layers": ("{cell} 2 layers", "{cell} 2 层"),
    # Table headers; the English text is also the rows' key (code and tests index by it).
    "race.col.model": ("model", "模型"),
    "race.col.parameters": ("parameters", "参数量"),
    "race.col.steps": ("steps", "步数"),
    "race.col.final_train": ("final train loss", "最终训练损失"),
    "race.col.validation": ("validation loss", "验证损失"),
    "race.col.samples": ("samples/s", "样本/秒"),
    "race.col.device": ("device", "设备"),
    "race.col.state": ("state", "状态"),
    "race.col.finished": ("finished as", "结束状态"),
    # ---- side by side after a race
    "cmp.side.title": ("Inside each model, side by side", "并排看每个模型的内部"),
    "cmp.side.sequence": ("Probe sequence", "探测序列"),
    "cmp.side.caption": (
        "The same validation sequence through every finished model, on one "
        "time axis: the hidden state (top layer, forward direction) and, for "
        "LSTM and GRU, the gate that decides what is kept (near 1: keep). "
        "Press ▶ Play to step all rows together.",
        "同一条验证序列依次经过每个训练完成的模型，共用一条时间轴：隐藏状态"
        "（最上层、正向）以及 LSTM 和 GRU 中决定保留多少的门（接近 1：保留）。"
        "按 ▶ 播放，所有行同步前进。",
    ),
    "cmp.side.conn_caption": (
        "Connectivity of each model's last output: how strongly each "
        "input step drives it (log scale). A line that falls to the left "
        "is a memory that fades.",
        "每个模型最后一个输出的连接强度：每个输入步对它的影响有多大（对数"
        "坐标）。向左下降的线表示记忆在衰减。",
    ),
    "cmp.side.fig.title": (
        "Hidden state and keep-gate, one row per model",
        "隐藏状态与保留门，每个模型一行",
    ),
    "cmp.side.fig.step": ("time step", "时间步"),
    "cmp.side.fig.unit": ("unit", "单元"),
    "cmp.side.fig.hidden": ("hidden state h", "隐藏状态 h"),
    "cmp.side.fig.value": ("value", "数值"),
    "cmp.side.fig.gate": ("gate", "门"),
    "cmp.side.fig.slider": ("time step: ", "时间步："),
    "cmp.side.fig.conn_title": (
        "Which input steps drive the last prediction, per model",
        "每个模型：哪些输入步驱动最后一个预测",
    ),
    "cmp.side.fig.strength": ("connectivity", "连接强度"),
}
