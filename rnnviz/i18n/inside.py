"""Strings of rnnviz: inside. {key: (English, 简体中文)}.

The Inside page (inside.*), its cell calculator (calc.*) and its gate insight (insight.*).
"""

STRINGS: dict[str, tuple[str, str]] = {
    "fig.conn.title": ("Which input steps drive this prediction", "哪些输入步驱动这个预测"),
    "fig.conn.step": ("time step", "时间步"),
    "fig.conn.input": ("input", "输入"),
    "fig.conn.strength": ("connectivity", "连接强度"),
    "fig.conn.output": ("output step", "输出步"),
    "fig.conn.training_title": (
        "How the memory's reach grows over training",
        "记忆范围在训练中如何变化",
    ),
    "inside.tab.conn": ("Connectivity", "连接"),
    "conn.caption": (
        "How strongly each input step drives the output at step {step}: the size "
        "of the gradient ‖∂y/∂x_t‖ of that output with respect to each input, from "
        "the trained model. Bright steps are remembered; pale ones are forgotten.",
        "每个输入步对第 {step} 步输出的影响有多大：该输出对每个输入的梯度大小 "
        "‖∂y/∂x_t‖，取自训练后的模型。颜色深的步被记住了，浅的被遗忘了。",
    ),
    "conn.out_step": ("Output step t′", "输出步 t′"),
    "conn.bidirectional": (
        "This model reads in both directions, so later input steps drive the output too.",
        "该模型双向读取，所以后面的输入步也会影响输出。",
    ),
    # ---- units found by behaviour (LSTMVis' rule) ------------------------------------------
    "inside.tab.units": ("Units", "单元"),
    "units.caption": (
        "Mark a span of time steps and a threshold: the hidden units that are "
        "above the threshold inside the span and below it everywhere else are "
        "listed, best first (the rule of LSTMVis).",
        "选定一段时间步和一个阈值：在这段之内高于阈值、在其他位置都低于阈值的隐藏"
        "单元会按得分从高到低列出（LSTMVis 的规则）。",
    ),
    "units.span": ("Span of time steps", "时间步范围"),
    "units.span_help": (
        "The steps where the units you look for should be on.",
        "你要找的单元应当在这些步“打开”（高于阈值）。",
    ),
    "units.threshold": ("Threshold", "阈值"),
    "units.threshold_help": (
        "A unit is on at a step when its hidden state is above this value.",
        "某一步的隐藏状态高于该值时，该单元算作“打开”。",
    ),
    "units.too_short": (
        "This sequence is too short to mark a span: it needs at least 3 steps.",
        "这条序列太短，无法选定范围：至少需要 3 步。",
    ),
    "units.found": ("**{n}** units follow the rule:", "**{n}** 个单元符合规则："),
    "units.none": (
        "No unit is on inside the span and off outside it at threshold {threshold:g} "
        "(score ≥ {score:g}). Try a lower threshold or another span.",
        "在阈值 {threshold:g} 下，没有单元在范围内打开、在范围外关闭（得分 ≥ "
        "{score:g}）。试试更低的阈值或换一个范围。",
    ),
    "units.score_help": (
        "Share of span steps where the unit is on × share of the other steps "
        "where it is off: 1 means it follows the rule at every step.",
        "范围内打开的步数占比 × 范围外关闭的步数占比：1 表示每一步都符合规则。",
    ),
    "units.col.unit": ("unit", "单元"),
    "units.col.score": ("score", "得分"),
    "units.col.inside_on": ("on inside", "范围内打开"),
    "units.col.outside_off": ("off outside", "范围外关闭"),
    "units.col.margin": ("margin", "间隔"),
    "units.col.start": ("start step", "起始步"),
    "units.col.together": ("on together", "同时打开"),
    "units.col.context": ("context", "上下文"),
    "units.pick": ("Unit to show", "要显示的单元"),
    "units.unit_n": ("unit {unit}", "单元 {unit}"),
    "units.stream_title": (
        "**Over the validation data** ({n} steps read as one sequence by the model as trained now)",
        "**在验证数据上**（当前模型把 {n} 步当作一条序列读取）",
    ),
    "units.stream_while_training": (
        "The validation data is read once training stops.",
        "训练停止后才会读取验证数据。",
    ),
    "units.search_units": (
        "Search the validation data for where these units are on together",
        "在验证数据中搜索这些单元同时打开的位置",
    ),
    "units.choose_units": (
        "Choose at least one unit to search for.",
        "请至少选择一个要搜索的单元。",
    ),
    "units.no_matches": (
        "These units are never on together in the validation data.",
        "这些单元在验证数据中从未同时打开。",
    ),
    "units.matches": ("Top {n} places, as long as the span:", "前 {n} 个位置（与所选范围等长）："),
    "units.err_threshold": (
        "The threshold must be a number (it is not). Enter a value such as 0.3.",
        "阈值必须是数字。请输入例如 0.3 的值。",
    ),
    "units.err_empty": (
        "The span is empty: choose an end step after the start step.",
        "范围为空：请让结束步在起始步之后。",
    ),
    "units.err_outside": (
        "The span {a}..{b} lies outside the sequence of {length} steps: choose "
        "steps from 0 to {length}.",
        "范围 {a}..{b} 超出了这条 {length} 步的序列：请在 0 到 {length} 之间选择。",
    ),
    "units.err_whole": (
        "The span covers the whole sequence, so no step is left to be off: make it shorter.",
        "范围覆盖了整条序列，没有可以“关闭”的步：请缩短范围。",
    ),
    "units.err_short": (
        "A sequence of at least 2 steps of hidden states is needed.",
        "需要至少 2 步的隐藏状态序列。",
    ),
    "units.err_no_units": (
        "Choose at least one unit to search for.",
        "请至少选择一个要搜索的单元。",
    ),
    "units.err_length": (
        "The span ({length} steps) is longer than the data searched ({n} steps): "
        "choose a shorter span.",
        "范围（{length} 步）比搜索的数据（{n} 步）还长：请选更短的范围。",
    ),
    "units.fig.title": ("One unit over every probe sequence", "一个单元在每条探测序列上的取值"),
    "units.fig.title_n": (
        "Unit {unit} over every probe sequence",
        "单元 {unit} 在每条探测序列上的取值",
    ),
    "units.fig.stream_title": ("One unit over the validation data", "一个单元在验证数据上的取值"),
    "units.fig.stream_n": (
        "Unit {unit} over the validation data (shaded: places found)",
        "单元 {unit} 在验证数据上的取值（阴影：找到的位置）",
    ),
    "units.fig.text_title": (
        "Validation text coloured by unit {unit}",
        "按单元 {unit} 着色的验证文本",
    ),
    "units.fig.step": ("time step", "时间步"),
    "units.fig.value": ("activation", "激活值"),
    "units.fig.threshold": ("threshold", "阈值"),
    "units.fig.span": ("span", "范围"),
    "units.fig.sequence": ("sequence", "序列"),
    "units.fig.match": ("found", "找到"),
    # ---- the page and its choices ------------------------------------------------------
    "inside.title": ("4 · Inside the network", "4 · 网络内部"),
    "inside.tab.steps": ("Over time steps", "随时间步变化"),
    "inside.tab.training": ("Over training", "随训练变化"),
    "inside.tab.grads": ("Gradients", "梯度"),
    "inside.tab.calc": ("Cell calculator", "单元计算器"),
    "inside.tab.insight": ("Gate insight", "门控解读"),
    "inside.dl_menu": ("Download", "下载"),
    "inside.dl_pick": ("Chart", "图表"),
    "inside.color_scale": ("Colour scale", "色标"),
    "inside.color_scale.data": ("scaled to data", "按数据缩放"),
    "inside.color_scale.fixed": ("fixed", "固定"),
    "inside.color_scale_help": (
        "How the hidden-state heatmaps colour h. Scaled to data: the strongest value on show "
        "gets the deepest colour, so small states are visible. Fixed: ±1, the whole range of "
        "tanh (0 to the largest value for a ReLU RNN), so colours compare across models.",
        "隐藏状态热力图如何给 h 着色。按数据缩放：当前最强的值颜色最深，较小的状态也看得见。"
        "固定：±1，即 tanh 的完整取值范围（ReLU RNN 为 0 到最大值），便于在不同模型之间比较颜色。",
    ),
    "inside.steps_caption": (
        "The model at training step {step}. Press ▶ Play to unroll it one time step at a time.",
        "训练第 {step} 步时的模型。按 ▶ 播放，逐个时间步展开。",
    ),
    "inside.sequence": ("Sequence", "序列"),
    "inside.seq_probe": ("validation sequence {k}", "验证序列 {k}"),
    "inside.seq_own": ("type your own", "自己输入"),
    "inside.layer": ("Layer", "层"),
    "inside.layer_n": ("layer {n}", "第 {n} 层"),
    "inside.direction": ("Direction", "方向"),
    "inside.your_text": ("Your text", "你的文本"),
    "inside.not_in_vocab": (
        "Not in the vocabulary, left out: {chars}",
        "不在词表中，已略去：{chars}",
    ),
    "inside.too_few_chars": (
        "Type at least 2 characters the model knows.",
        "请至少输入 2 个模型认识的字符。",
    ),
    "inside.one_feature": (
        "Typing your own values works for a single input feature; this model "
        "reads {n}. Pick a validation sequence instead.",
        "自己输入数值只适用于单个输入特征；此模型读取 {n} 个特征。请改选一个验证序列。",
    ),
    "inside.your_values": (
        "Your values, separated by commas (original units)",
        "你的数值，用逗号分隔（原始单位）",
    ),
    "inside.bad_values": (
        "Could not read those values: type numbers separated by commas, like 1.5, 2, 3.",
        "无法读取这些数值：请输入用逗号分隔的数字，例如 1.5, 2, 3。",
    ),
    "inside.values_count": (
        "Type between 2 and 500 finite numbers.",
        "请输入 2 到 500 个有限的数值。",
    ),
    "inside.own_while_training": (
        "While training runs, your own sequence is traced after it stops.",
        "训练进行时，你自己输入的序列要等训练停止后才会被追踪。",
    ),
    # ---- over training, gradients ------------------------------------------------------
    "inside.snap_label": ("step {step}", "第 {step} 步"),
    "inside.replay_probe": (
        "These views replay the validation sequences traced at every "
        "snapshot; showing validation sequence 1.",
        "这些视图重放每个快照时追踪的验证序列；这里显示验证序列 1。",
    ),
    "inside.one_snapshot": (
        "Only one snapshot so far: train longer to watch the states form.",
        "目前只有一个快照：多训练一会儿，就能看到状态逐渐形成。",
    ),
    "inside.snapshots": (
        "{n} snapshots, from step {first} to step {last}.",
        "共 {n} 个快照，从第 {first} 步到第 {last} 步。",
    ),
    "inside.view": ("View", "视图"),
    "inside.mode.scrub": ("Scrub snapshots at one time step", "固定一个时间步，拖动浏览各快照"),
    "inside.mode.play": ("Play time steps at one snapshot", "固定一个快照，播放各时间步"),
    "inside.snapshot": ("Snapshot", "快照"),
    "inside.time_step": ("Time step", "时间步"),
    "inside.no_grads": ("No gradients recorded yet.", "尚未记录梯度。"),
    "inside.grads_caption": (
        "‖∂L/∂h_t‖: how strongly the loss reaches back to each time step. "
        "A line that falls steeply towards t = 0 is a vanishing gradient: "
        "early steps barely learn.",
        "‖∂L/∂h_t‖：损失能多强地回传到每个时间步。曲线朝 t = 0 "
        "急剧下降，就是梯度消失：早期的时间步几乎学不到"
        "东西。",
    ),
    # ---- gate insight --------------------------------------------------------------------
    "insight.keep_f": (
        "Blue units keep their cell state: their forget gate $f$ stays above "
        "{high}, so what they stored survives many steps (memory cells). Orange "
        "units wipe it at most steps ($f$ below {low}) and only follow the latest "
        "inputs.",
        "蓝色单元保留自己的细胞状态：它们的遗忘门 $f$ 保持在 {high} "
        "以上，所以存下的内容能保留许多步（记忆型隐藏单元）。橙色单元在大多数时间步都会"
        "清除它（$f$ 低于 {low}），只跟随最新的输入。",
    ),
    "insight.keep_z": (
        "Blue units keep their state: their update gate $z$ stays above {high}, "
        "so $h_t$ is mostly $h_{{t-1}}$ carried forward (memory). Orange units ($z$ "
        "below {low}) take the new candidate at almost every step and only follow "
        "the latest inputs.",
        "蓝色单元保留自己的状态：它们的更新门 $z$ 保持在 {high} 以上，所以 $h_t$ "
        "主要是延续下来的 $h_{{t-1}}$（记忆）。橙色单元（$z$ 低于 {low}）几乎每一步"
        "都采用新的候选值，只跟随最新的输入。",
    ),
    "insight.no_gates": (
        "A plain RNN has no gates: every step rewrites the whole state through "
        "one nonlinearity, so nothing decides what to keep. Its state's path is "
        "below.",
        "普通 RNN 没有门：每一步都通过一个非线性函数重写整个状态，没有任何机制决定"
        "保留什么。它的状态路径见下方。",
    ),
    "insight.path_title": ("**The path of the hidden state**", "**隐藏状态的路径**"),
    "insight.path_caption": (
        "Each dot is $h_t$ squeezed onto the two directions in which it "
        "varies most; colour goes from dark (early) to yellow (late). Press "
        "Play: a loop means the network tracks a cycle in the input, and a "
        "path that stalls in one spot means new inputs no longer move the "
        "state.",
        "每个点是把 $h_t$ 压缩到它变化最大的两个方向上的结果；颜色从深色（早）"
        "变到黄色（晚）。按“播放”：出现环路说明网络在跟踪输入中的周期，路径停在"
        "一处不动则说明新的输入已经推不动状态了。",
    ),
    "insight.path_backward": (
        " The backward direction reads from the last step, so it starts at "
        "the yellow end and finishes at the diamond.",
        "反向方向从最后一步开始读取，所以它从黄色一端出发，在菱形处结束。",
    ),
    "insight.memory_cells": ("memory cells", "记忆型隐藏单元"),
    "insight.reset_cells": ("reset cells", "重置型隐藏单元"),
    "insight.mixed": ("mixed", "混合"),
    "insight.memory_help": (
        "{gate} > {high} on at least {majority:.0%} of the steps",
        "{gate} > {high} 的时间步至少占 {majority:.0%}",
    ),
    "insight.reset_help": (
        "{gate} < {low} on at least {majority:.0%} of the steps",
        "{gate} < {low} 的时间步至少占 {majority:.0%}",
    ),
    "insight.mixed_help": ("neither: the gate moves with the input", "都不是：门随输入变化"),
    "insight.share_title": (
        "How often each unit's {gate} ({name}) is open or shut",
        "每个单元的{gate}（{name}）打开或关闭的频率",
    ),
    "insight.keeps": ("{name} > {high}: keeps", "{name} > {high}：保留"),
    "insight.wipes": ("{name} < {low}: wipes", "{name} < {low}：清除"),
    "insight.average": ("average {name}", "{name} 的平均值"),
    "insight.all_mixed": (
        "**What to conclude from 0 / 0 / {n}:** no unit is a memory or a reset cell. Every "
        "unit's {gate} spends most steps between {low} and {high} (their averages run from "
        "{lo:.2f} to {hi:.2f}: the histogram below). The model has not needed a long memory "
        "on this data: the last few inputs are enough for its predictions, so no unit learned "
        "to hold on or to wipe. To see memory cells appear, train longer, or try a task that "
        "cannot be solved without memory (the adding task on the Lab page).",
        "**0 / 0 / {n} 说明什么**：没有哪个单元是记忆型隐藏单元或重置型隐藏单元。"
        "每个单元的{gate}在大多数时间步都介于 {low} 和 {high} 之间"
        "（它们的平均值从 {lo:.2f} 到 {hi:.2f}，见下方直方图）。"
        "在这份数据上模型还不需要长期记忆：最近几个输入就足以做出预测，所以没有单元学会保留或"
        "清除。想看到记忆型隐藏单元出现，可以训练更久，"
        "或者换一个不靠记忆就无法完成的任务（实验室页面的加法任务）。",
    ),
    "insight.hist_caption": (
        "Each bar counts the units whose average {gate} falls in that range. Units in the blue "
        "zone (> {high}) keep their memory, units in the orange zone (< {low}) wipe it; the "
        "dashed lines are these thresholds. A unit counts as a memory or reset cell when its "
        "gate is in the zone on at least {majority:.0%} of the steps.",
        "每根柱子统计平均{gate}落在该区间的单元数。蓝色区域（> {high}）中的单元保留记忆，橙色"
        "区域（< {low}）中的单元清除记忆；虚线就是这两个阈值。一个单元的门在至少 {majority:.0%} "
        "的时间步处于该区域时，才算记忆型隐藏单元或重置型隐藏单元。",
    ),
    "insight.err_shape": (
        "gate values must be [T, H] with T >= 1, got shape {shape}",
        "门的取值必须是 [T, H] 且 T >= 1，实际形状为 {shape}",
    ),
    "insight.err_thresholds": (
        "need 0 <= low < high <= 1, got low={low}, high={high}",
        "需要 0 <= `low` < `high` <= 1，实际为 low={low}，high={high}",
    ),
    # ---- the cell calculator ------------------------------------------------------------
    "calc.training": (
        "The calculator reads the model's weights, which change at every training "
        "step: it opens as soon as training stops or finishes.",
        "计算器要读取模型的权重，而权重在每个训练步都会变化：训练停止或完成后它就会打开。",
    ),
    "calc.time_step": ("Time step t", "时间步 t"),
    "calc.time_help": (
        "The step to compute by hand, counted from 0 like the figures.",
        "要手算的时间步，和图中一样从 0 开始计数。",
    ),
    "calc.units": ("Units to write out (up to 3)", "要写出算式的单元（最多 3 个）"),
    "calc.unit_n": ("unit {j}", "单元 {j}"),
    "calc.unit_heading": (
        "**Unit {j}** (numbers rounded to 3 decimals)",
        "**单元 {j}**（数值保留 3 位小数）",
    ),
    "calc.where": ("layer {layer} {direction}, t = {t}", "第 {layer} 层{direction}，t = {t}"),
    "calc.match": (
        "$h_t$ matches PyTorch's fused {name}: max difference {diff:.1e} ({where}; "
        "float32 round-off is about 1e-7).",
        "$h_t$ 与 PyTorch 融合实现的 {name} 一致：最大差异 {diff:.1e}（{where}；"
        "float32 的舍入误差约为 1e-7）。",
    ),
    "calc.mismatch": (
        "$h_t$ differs from PyTorch's fused {name}: max difference {diff:.1e} "
        "({where}). Retrain the model and try again; if it stays, please report it.",
        "$h_t$ 与 PyTorch 融合实现的 {name} 不一致：最大差异 {diff:.1e}（{where}）。"
        "请重新训练模型后再试；如果问题仍在，请报告。",
    ),
    "calc.x_layer": (
        "$x_t$ is layer {below}'s $h$ at step {t}",
        "$x_t$ 是第 {below} 层在第 {t} 步的 $h$",
    ),
    "calc.x_both": (
        " ({n} numbers: forward and backward side by side)",
        "（{n} 个数：前向和反向并排）",
    ),
    "calc.x_char": (
        "$x_t$ is the embedding of the character {char} ({n} numbers)",
        "$x_t$ 是字符 {char} 的嵌入向量（{n} 个数）",
    ),
    "calc.x_values": (
        "$x_t$ = [{shown}], the input at step {t} (scaled)",
        "$x_t$ = [{shown}]，即第 {t} 步的输入（已缩放）",
    ),
    "calc.x_values_none": (
        "$x_t$ = [{shown}], the input at step {t}, in the data's own units (no scaling)",
        "$x_t$ = [{shown}]，即第 {t} 步的输入，是数据本身的单位（不缩放）",
    ),
    "calc.h_zeros": (
        "$h_{{{prev}}}$ is all zeros: this direction reads step {t} first.",
        "$h_{{{prev}}}$ 全为零：这个方向最先读取第 {t} 步。",
    ),
    "calc.h0_init": (
        "initial state h_0 (for this step and for the fused module)",
        "初始状态 h_0（用于这一步，也用于融合模块）",
    ),
    "calc.h0_help": (
        "torch starts from zeros unless given h_0; a tutorial often passes "
        "torch.randn. The same h_0 goes into the step below and into the fused "
        "module it is checked against.",
        "不传 h_0 时 torch 从全零开始；教程里常传入 torch.randn。同一个 h_0 既用于"
        "下面这一步，也用于与之对照的融合模块。",
    ),
    "calc.h0_note": (
        "h_0 = torch.randn({layers}, 1, {hidden}) after torch.manual_seed({seed}); "
        "this layer and direction: {shown}. The other Inside tabs start from zeros.",
        "h_0 = torch.manual_seed({seed}) 之后的 torch.randn({layers}, 1, {hidden})；"
        "本层本方向：{shown}。内部视图的其他标签页从全零开始。",
    ),
    "calc.h0_start": (
        "$h_{{{prev}}}$ is $h_0$, random normal (seed {seed}): this direction "
        "reads step {t} first.",
        "$h_{{{prev}}}$ 是随机正态的 $h_0$（种子 {seed}）：这个方向最先读取第 {t} 步。",
    ),
    "calc.h_after": (
        "$h_{{{prev}}}$ is the state after step {p}.",
        "$h_{{{prev}}}$ 是第 {p} 步之后的状态。",
    ),
    "calc.h_after_back": (
        "$h_{{{prev}}}$ is the state after step {p}: the backward direction "
        "reads the sequence from the end.",
        "$h_{{{prev}}}$ 是第 {p} 步之后的状态：反向方向从序列末尾开始读取。",
    ),
    "calc.read": ("{x}. {state}", "{x}。{state}"),
    "calc.tables": ("Every unit at this step", "此时间步的所有单元"),
    "calc.pre_caption": (
        "pre-activation = W_ih·x + b_ih + W_hh·h + b_hh",
        "预激活值 = W_ih·x + b_ih + W_hh·h + b_hh",
    ),
    "calc.pre_gru": (
        "; for the candidate n: W_ih·x + b_ih + r·(W_hh·h + b_hh)",
        "；候选值 n 的预激活值：W_ih·x + b_ih + r·(W_hh·h + b_hh)",
    ),
    "calc.scroll": (". Scroll a table to see every unit.", "。滚动表格可查看所有单元。"),
    "calc.table_h": ("hidden state $h_t$", "隐藏状态 $h_t$"),
    "calc.states": ("states", "状态"),
    "calc.c_feeds": (" ($c_t$ feeds $h_t$)", "（$h_t$ 由 $c_t$ 算出）"),
    "calc.col_pre": ("pre-activation", "预激活值"),
    "calc.col_value": ("value", "值"),
    "calc.col_unit": ("unit", "单元"),
    "calc.err_layer": (
        "no layer {layer} / direction {direction} in this model",
        "此模型中没有层 {layer} / 方向 {direction}",
    ),
    "calc.err_step": (
        "time step must be in 0..{last}, got {t}",
        "时间步必须在 0..{last} 之间，实际为 {t}",
    ),
    "calc.np.title": (
        "Tutorial 000's NumPy step: $h_t = \\tanh(W_{hx} x_t + W_{hh} h_{t-1} + b_h)$",
        "教程 000 的 NumPy 单步：$h_t = \\tanh(W_{hx} x_t + W_{hh} h_{t-1} + b_h)$",
    ),
    "calc.np.intro": (
        "Tutorial 000 writes one plain RNN in NumPy: hidden size 4, input size 3, 5 time "
        "steps, $W_{hx}$ 4×3 and $W_{hh}$ 4×4, starting from $h = 0$. Below are its seeded "
        "inputs and weights and every step's $h_t$, computed here in NumPy float64; the code "
        "prints the same numbers.",
        "教程 000 用 NumPy 写出一个最简单的 RNN：隐藏层大小 4，输入大小 3，5 个时间步，"
        "$W_{hx}$ 为 4×3，$W_{hh}$ 为 4×4，从 $h = 0$ 开始。下面是按随机种子生成的输入和权重，"
        "以及这里用 NumPy float64 算出的每一步的 $h_t$；代码打印出的是同样的数。",
    ),
    "calc.np.seed": ("seed (np.random.seed)", "随机种子（np.random.seed）"),
    "calc.np.code": ("The NumPy code", "NumPy 代码"),
    "calc.np.h": (
        "$h_t$ after each time step (rows: time steps t; columns: hidden units)",
        "每个时间步之后的 $h_t$（行：时间步 t；列：隐藏单元）",
    ),
    "calc.np.x": ("inputs $x_t$ (rows: time steps t)", "输入 $x_t$（行：时间步 t）"),
    "calc.np.w_hx": ("$W_{hx}$ (rows: hidden units)", "$W_{hx}$（行：隐藏单元）"),
    "calc.np.w_hh": ("$W_{hh}$ (rows: hidden units)", "$W_{hh}$（行：隐藏单元）"),
    "calc.np.b_h": ("$b_h$ (zeros, as in the tutorial)", "$b_h$（与教程一样为全零）"),
    "calc.np.input_n": ("input {i}", "输入 {i}"),
    "calc.np.t_row": ("t = {t}", "t = {t}"),
    "calc.np.torch_match": (
        "torch's nn.RNN(3, 4) loaded with these weights (bias_ih_l0 = $b_h$, bias_hh_l0 = 0) "
        "gives the same $h_t$: max difference {diff:.1e} (float64).",
        "把这些权重装入 torch 的 nn.RNN(3, 4)（bias_ih_l0 = $b_h$，bias_hh_l0 = 0），"
        "得到同样的 $h_t$：最大差异 {diff:.1e}（float64）。",
    ),
    "calc.np.torch_mismatch": (
        "torch's nn.RNN(3, 4) loaded with these weights differs from the NumPy step: max "
        "difference {diff:.1e}. Please report it.",
        "装入这些权重的 torch nn.RNN(3, 4) 与 NumPy 单步不一致：最大差异 {diff:.1e}。"
        "请报告此问题。",
    ),
    # ---- a model with NaN/inf weights (a damaged file, a diverged run) -------------------
    "nonfinite.message": (
        "**This model's weights are not all finite numbers** (NaN or infinity): {where}. "
        "Everything computed from them (hidden states, gates, predictions) is NaN too. To fix "
        "it, train a new model from scratch on the **Train** page (press Train, not Resume); if "
        "training blew up, lower the learning rate or turn on gradient clipping first. Or load "
        "another model file on the **Model** page.",
        "**此模型的权重并非全是有限数**（含 NaN 或无穷大）：{where}。由它们算出的一切"
        "（隐藏状态、门、预测）也都是 NaN。解决办法：在**训练**页从头训练一个新模型（点击“训练”，"
        "不要点“继续”）；如果训练发散过，先降低学习率或开启梯度裁剪。也可以在**模型**页加载另一个"
        "模型文件。",
    ),
    "nonfinite.more": (" and {n} more", " 等另外 {n} 个"),
    "nonfinite.calc": (
        "$h_t$ is not a finite number here ({where}): the step reads NaN or infinity in {what}, "
        "so there is nothing to compare with PyTorch's fused {name}. The model's weights cause "
        "this (see the message at the top), not the calculator.",
        "$h_t$ 在这里不是有限数（{where}）：这一步读到的 {what} 含 NaN 或无穷大，因此无法与 "
        "PyTorch 的融合模块 {name} 比较。原因在模型的权重（见页面顶部的提示），不在计算器。",
    ),
    "nonfinite.calc_overflow": (
        "$h_t$ is not a finite number here ({where}): the numbers grew too large and overflowed, "
        "so there is nothing to compare with PyTorch's fused {name}.",
        "$h_t$ 在这里不是有限数（{where}）：数值变得过大而溢出，因此无法与 PyTorch 的融合模块 "
        "{name} 比较。",
    ),
    "nonfinite.gates": (
        "The {gate} is NaN or infinite on this sequence: there are no memory or "
        "reset cells to count.",
        "在这条序列上，{gate}的值是 NaN 或无穷大：无法统计记忆型隐藏单元和重置型隐藏单元。",
    ),
    "nonfinite.path_none": (
        "No step of this sequence has a finite hidden state: there is no path to draw.",
        "这条序列没有任何一步的隐藏状态是有限数：无法画出路径。",
    ),
    "nonfinite.path_some": (
        "{n} of {steps} steps have a hidden state that is not finite; the path leaves them out.",
        "{steps} 步中有 {n} 步的隐藏状态不是有限数；路径略去了这些步。",
    ),
    # ---- a figure thinned to stay light in the browser ------------------------------------
    "inside.thin.caption": (
        "To keep this chart under {mb} MB in the browser it shows {parts}; "
        "the first and last are always kept.",
        "为使该图在浏览器中小于 {mb} MB，它显示{parts}；第一个和最后一个始终保留。",
    ),
    "inside.thin.join": (", ", "，"),
    "inside.thin.frames_steps": (
        "{shown} of {total} time steps as Play frames",
        "{total} 个时间步中的 {shown} 个作为播放帧",
    ),
    "inside.thin.frames_snapshots": (
        "{shown} of {total} snapshots",
        "{total} 个快照中的 {shown} 个",
    ),
    "inside.thin.units": ("{shown} of {total} units", "{total} 个单元中的 {shown} 个"),
    "inside.thin.steps": (
        "{shown} of {total} time steps in the heatmap",
        "热力图中 {total} 个时间步里的 {shown} 个",
    ),
}
