"""Strings of rnnviz: model. {key: (English, 简体中文)}.

The Model page and its widgets (model.*), the parameter and shape tables (summary.*), the
run caps (limits.*) and the model file's refusals (export.*).
"""

STRINGS: dict[str, tuple[str, str]] = {
    # ---- the Model page ------------------------------------------------------------------
    "model.equations_title": ("{cell} cell equations", "{cell} 单元的方程"),
    "model.why_title": ("Why it remembers (or forgets)", "它为什么能记住（或忘记）"),
    "model.why.rnn_tanh": (
        "One matrix mixes the new input with the previous state. Gradients flowing back "
        "through many steps are multiplied by W_hh and tanh' again and again, so they "
        "usually vanish: a plain RNN forgets what it read long ago.",
        "一个矩阵把新的输入与上一步的隐藏状态混合起来。梯度沿着许多时间步反向传播时，"
        "一次又一次地乘以 W_hh 和 tanh'，所以通常会消失（梯度消失）：普通 RNN "
        "会忘记很久以前读到的内容。",
    ),
    "model.why.rnn_relu": (
        "Like the tanh RNN but unbounded: states and gradients can grow without limit "
        "(exploding gradients) unless the weights stay small or gradients are clipped.",
        "与 tanh RNN 类似，但没有上界：除非权重保持较小或对梯度进行裁剪，"
        "隐藏状态和梯度可能无限增长（梯度爆炸）。",
    ),
    "model.why.lstm": (
        "The cell state c_t is updated by addition, gated by f_t: when the forget gate stays "
        "near 1 the gradient passes back almost unchanged, so an LSTM can carry information "
        "across long stretches.",
        "细胞状态 c_t 通过加法更新，并由 f_t 控制：当遗忘门保持在 1 附近时，"
        "梯度几乎不变地向后传递，所以 LSTM 能把信息带过很长的距离。",
    ),
    "model.why.gru": (
        "The update gate z_t blends the old state with a candidate: when z_t is near 1 the "
        "state (and its gradient) is carried forward unchanged. Fewer gates than an LSTM, "
        "often as good.",
        "更新门 z_t 把旧的隐藏状态与候选值混合：当 z_t 接近 1 时，隐藏状态（及其梯度）"
        "会原样向前传递。门比 LSTM 少，效果却常常一样好。",
    ),
    "model.cell": ("Cell", "单元类型"),
    "model.hidden_size": (
        "Hidden size (units per layer)",
        "隐藏层大小 `hidden_size`（每层单元数）",
    ),
    "model.layers": ("Layers", "层数"),
    "model.bidirectional": ("Bidirectional", "双向"),
    "model.bidirectional_help": (
        "A second RNN reads the sequence backwards; their states are concatenated.",
        "第二个 RNN 从后往前读取序列；两个方向的隐藏状态拼接在一起。",
    ),
    "model.dropout": ("Dropout between layers", "层间 Dropout"),
    "model.text_mode": (
        "Text: a character language model (predicts the next character at every step).",
        "文本：字符级语言模型（在每个时间步预测下一个字符）。",
    ),
    "model.output": ("Output", "输出方式"),
    "model.mode.many-to-one": ("many-to-one", "多对一"),
    "model.mode.many-to-many": ("many-to-many", "多对多"),
    "model.output_help": (
        "many-to-one: one prediction from the final state; many-to-many: a "
        "prediction at every step (the window shifted by the horizon).",
        "多对一：根据最后的隐藏状态做一次预测；多对多：在每个时间步都做预测"
        "（目标是窗口按预测步长平移后的序列）。",
    ),
    "model.col.tensor": ("tensor", "张量"),
    "model.col.shape": ("shape", "形状"),
    "model.col.holds": ("what it holds", "含义"),
    "model.shapes_caption": (
        "B = batch size ({b}), T = time steps ({steps}), L = layers ({layers}), "
        "D = directions ({directions}), H = hidden size ({hidden}). PyTorch's "
        "`batch_first=True` puts B first in input and output, but never in h_n / c_n.",
        "B = 批大小（{b}），T = 时间步数（{steps}），L = 层数（{layers}），"
        "D = 方向数（{directions}），H = 隐藏层大小（{hidden}）。PyTorch 的 "
        "`batch_first=True` 让 B 位于 `input` 和 `output` 的第一维，但 h_n / c_n 中从不如此。",
    ),
    # ---- the shapes explorer (rnnviz/model/shapes.py): one call of the fused module, any numbers
    "shapes.title": ("Shapes explorer: one call of {module}", "形状探索：调用一次 {module}"),
    "shapes.intro": (
        "Type a tutorial's own numbers: the table shows what `{module}` reads and returns. "
        "Hidden size and layers come from the architecture above.",
        "输入教程里的数字：表格显示 `{module}` 读入和返回的张量。隐藏层大小和层数取自上面的架构。",
    ),
    "shapes.batch": ("batch B", "批大小 B"),
    "shapes.steps": ("steps T", "时间步 T"),
    "shapes.features": ("input size F", "输入大小 F"),
    "shapes.batch_first": ("batch_first", "batch_first"),
    "shapes.batch_first_help": (
        "Off is PyTorch's default: input (T, B, F), as tutorial 001 writes it. Tutorials 000 "
        "and 003 pass batch_first=True, and this app trains that way: input (B, T, F).",
        "关闭是 PyTorch 的默认值：输入为 (T, B, F)，教程 001 就是这样写的。教程 000 和 003 "
        "传入了 batch_first=True，本应用训练时也是这样：输入为 (B, T, F)。",
    ),
    "shapes.layout_caption": (
        "Off by default: PyTorch's default is `batch_first=False` (T first), as in tutorial "
        "001. Some tutorials (000, 003) pass `batch_first=True`, and this app trains with it "
        "(B first, as the table below the explorer shows). Only the input and the output "
        "move: h_0 / h_n (and c_0 / c_n) are always (L·D, B, H).",
        "默认关闭：PyTorch 的默认值是 `batch_first=False`（T 在最前），教程 001 就是这样。"
        "有些教程（000、003）传入了 `batch_first=True`，本应用训练时也使用它"
        "（B 在最前，见下方的训练形状表）。只有输入和输出会变化："
        "h_0 / h_n（以及 c_0 / c_n）始终是 (L·D, B, H)。",
    ),
    "shapes.h0_init": ("initial state h_0", "初始状态 h_0"),
    "shapes.h0.zeros": ("zeros (default)", "全零（默认）"),
    "shapes.h0.randn": ("random normal (seeded)", "随机正态（带种子）"),
    "shapes.h0_help": (
        "Without h_0, torch starts from zeros. torch.randn with a seed is what the tutorial "
        "passes; the shapes are the same either way, the h_n values are not.",
        "不传 h_0 时，torch 从全零开始。教程传入的是 torch.randn（这里带种子）；"
        "两种方式的形状相同，h_n 的数值不同。",
    ),
    "shapes.h0_seed": ("seed", "随机种子"),
    "shapes.seed_help": (
        "The snippet's torch.manual_seed, called before the module is built: its weights, x "
        "and h0 are the same numbers on every run, so it prints the h_n shown below.",
        "代码片段中的 torch.manual_seed，在构建模块之前调用：权重、x 和 h0 每次运行都是同样的数，"
        "所以它打印出的 h_n 就是下面显示的值。",
    ),
    "shapes.prints": ("**It prints:**", "**它会打印：**"),
    "shapes.values_too_big": (
        "The values of h_n are worked out here for small sizes only (at most {most} numbers "
        "of input, states and weights): run the snippet to see them.",
        "这里只为较小的尺寸计算 h_n 的数值（输入、隐藏状态和权重合计最多 {most} 个数）："
        "运行代码片段即可看到它们。",
    ),
    "shapes.values_too_many": (
        "h_n has {rows} rows of numbers; the table shows at most {most}: run the snippet to "
        "see them all.",
        "h_n 有 {rows} 行数值；表格最多显示 {most} 行：运行代码片段即可看到全部。",
    ),
    "shapes.h_n_caption": (
        "print(h_n), to torch's 4 decimals: row h_n[k, b] is layer k // {directions} "
        "(direction k % {directions}) for sequence b, one column per hidden unit. The rows "
        "from k = {top} on are the top layer: the same numbers as output at its last step.",
        "print(h_n) 的结果，与 torch 一样保留 4 位小数：h_n[k, b] 这一行是第 k // {directions} "
        "层（方向 k % {directions}）在第 b 条序列上的隐藏状态，每列一个隐藏单元。"
        "从 k = {top} 开始的行属于最上层：与 `output` 最后一个时间步的数值相同。",
    ),
    "shapes.count.title": (
        "**Parameters of the snippet's module** (input size F, no head), and of its siblings "
        "with the same sizes:",
        "**代码片段中模块的参数量**（输入大小 F，没有输出层），以及同样大小的另外两种模块：",
    ),
    "shapes.count.module": ("module", "模块"),
    "shapes.count.blocks": ("weight blocks per layer", "每层的权重块数"),
    "shapes.count.parameters": ("parameters", "参数量"),
    "shapes.count.fewest": (
        "An RNN has the fewest parameters: {rnn} < {gru} < {lstm}, one block of weights "
        "against three for a GRU (r, z, n) and four for an LSTM (i, f, g, o).",
        "RNN 的参数最少：{rnn} < {gru} < {lstm}，因为它只有一块权重，而 GRU 有三块（r、z、n），"
        "LSTM 有四块（i、f、g、o）。",
    ),
    "shapes.legend": (
        "B = batch ({b}), T = steps ({steps}), F = input size ({f}), L = layers ({layers}), "
        "D = directions ({directions}), H = hidden size ({hidden}).",
        "B = 批大小（{b}），T = 时间步（{steps}），F = 输入大小（{f}），L = 层数（{layers}），"
        "D = 方向数（{directions}），H = 隐藏层大小（{hidden}）。",
    ),
    "shapes.meaning.input": (
        "the sequence: T steps of B sequences, F numbers each",
        "输入序列：T 个时间步 × B 条序列，每步 F 个数",
    ),
    "shapes.meaning.input_bf": (
        "the sequence: B sequences of T steps, F numbers each",
        "输入序列：B 条序列 × T 个时间步，每步 F 个数",
    ),
    "shapes.meaning.h_0": (
        "the state before the first step, per layer and direction",
        "第一步之前的隐藏状态，每层每个方向一份",
    ),
    "shapes.meaning.c_0": (
        "the LSTM cell state before the first step",
        "第一步之前的 LSTM 细胞状态",
    ),
    "shapes.meaning.output": ("the top layer's h_t at every step", "最上层在每个时间步的 h_t"),
    "shapes.meaning.output_bi": (
        "the top layer's h_t at every step, forward and backward side by side (2H)",
        "最上层在每个时间步的 h_t，前向与后向并排（2H）",
    ),
    "shapes.meaning.h_n": (
        "the state after the last step, per layer and direction",
        "最后一步之后的隐藏状态，每层每个方向一份",
    ),
    "shapes.meaning.c_n": (
        "the LSTM cell state after the last step",
        "最后一步之后的 LSTM 细胞状态",
    ),
    "shapes.snippet": (
        "Run this in PyTorch: it prints the same shapes.",
        "在 PyTorch 中运行这段代码：它会打印出相同的形状。",
    ),
    "shapes.err_range": (
        "{name} must be a whole number from {lo} to {hi}: type a number in that range.",
        "{name} 必须是 {lo} 到 {hi} 之间的整数：请输入这个范围内的数。",
    ),
    "shapes.err_init": (
        "The initial state must be one of {options}, not {got}.",
        "初始状态必须是 {options} 之一，而不是 {got}。",
    ),
    "shapes.training": (
        "Shapes while training here (batch_first=True, with the head)",
        "本应用训练时的形状（batch_first=True，含输出层）",
    ),
    "shapes.exact": ("Exact size", "精确大小"),
    "shapes.exact_help": (
        "Any whole number from 1 to {hi}: the slider shows it as a mark.",
        "1 到 {hi} 之间的任意整数：滑块会把它显示为一个刻度。",
    ),
    "model.params_title": ("Parameters: {total}", "参数：{total}"),
    "model.params_which": (
        "This is the model rnnviz trains on your data, whose input size is {input_size} (with "
        "its head, if it has one); the snippet's module above reads {features} numbers a step, "
        "so its count differs.",
        "这是 rnnviz 在你的数据上训练的模型，输入大小为 {input_size}（含输出层，如果有）；"
        "上面代码片段中的模块每步读取 {features} 个数，所以参数数目不同。",
    ),
    "model.keras_title": (
        "The same model in Keras: what model.summary() prints",
        "Keras 中的同一个模型：model.summary() 打印的内容",
    ),
    "model.keras_caption": (
        "For input_shape=({steps}, {f}). Keras keeps one bias per unit where PyTorch keeps "
        "two, so its SimpleRNN and LSTM counts are smaller; its GRU (reset_after=True) keeps "
        "two, as PyTorch does.",
        "对应 input_shape=({steps}, {f})。Keras 每个单元只有一个偏置，PyTorch 有两个，"
        "所以 Keras 的 SimpleRNN 和 LSTM 参数更少；它的 GRU（reset_after=True）和 PyTorch "
        "一样有两个偏置。",
    ),
    "model.parts.part": ("part", "部分"),
    "model.parts.formula": ("count", "计算"),
    "model.parts.count": ("parameters", "参数"),
    "model.parts.embedding": ("embedding (nn.Embedding): V · E", "嵌入层（nn.Embedding）：V · E"),
    "model.parts.recurrent": ("{cell} layers (the formula above)", "{cell} 层（上面的公式）"),
    "model.parts.head": (
        "head: nn.Linear (Keras: Dense), weight + bias",
        "输出层：nn.Linear（Keras 中的 Dense），权重 + 偏置",
    ),
    "model.parts.total": ("total", "合计"),
    # the parameter table's columns (the data keeps torch's names; only the headers change)
    "model.col.module": ("module", "模块"),
    "model.col.layer": ("layer", "层"),
    "model.col.direction": ("direction", "方向"),
    "model.col.gate": ("gate", "门"),
    "model.col.gate_name": ("gate_name", "门的名称"),
    "model.col.rows": ("rows", "行"),
    "model.col.parameters": ("parameters", "参数量"),
    "model.direction.forward": ("forward", "正向"),
    "model.direction.backward": ("backward", "反向"),
    "model.load_title": ("Load a saved model (.safetensors)", "加载保存的模型（.safetensors）"),
    "model.load_file": ("A model file downloaded from the Train page", "从“训练”页下载的模型文件"),
    "model.load_unfit": (
        "Loaded the architecture ({cell}, input size {inputs}). It does not fit the current "
        "data: load the data it was trained on to use its weights.",
        "已加载模型结构（{cell}，输入大小 {inputs}）。它与当前数据不匹配："
        "请加载训练它时所用的数据，才能使用它的权重。",
    ),
    "model.use_loaded": (
        "Use these weights (Inside, Predict, Resume training)",
        "使用这些权重（内部、预测、继续训练）",
    ),
    "model.loaded": (
        "Loaded. Inside and Predict now show this model; Resume on the Train page "
        "continues training it.",
        "已加载。“内部”和“预测”页现在显示这个模型；在“训练”页点击“继续”可接着训练它。",
    ),
    # ---- summary: gate names, the parameter count, tensor shapes -------------------------
    "summary.gate.h": ("hidden", "隐藏状态"),
    "summary.gate.i": ("input gate", "输入门"),
    "summary.gate.f": ("forget gate", "遗忘门"),
    "summary.gate.g": ("candidate", "候选值"),
    "summary.gate.o": ("output gate", "输出门"),
    "summary.gate.r": ("reset gate", "重置门"),
    "summary.gate.z": ("update gate", "更新门"),
    "summary.gate.n": ("candidate", "候选值"),
    "summary.gate.c": ("cell state", "细胞状态"),
    "summary.formula.head": (
        "{cell} recurrent parameters = sum over layers and directions of G·H·(I + H + 2)",
        "{cell} 循环层参数量 = 对所有层和方向求和 G·H·(I + H + 2)",
    ),
    "summary.formula.sizes": (
        "  G = {g} {blocks} ({gates}), H = {h} hidden units, I = input width of the layer, "
        "{d} {directions}",
        "  G = {g} {blocks}（{gates}），H = {h} 个隐藏单元，I = 该层的输入宽度，{d} {directions}",
    ),
    "summary.formula.block": ("gate block", "个门块"),
    "summary.formula.blocks": ("gate blocks", "个门块"),
    "summary.formula.direction": ("direction", "个方向"),
    "summary.formula.directions": ("directions", "个方向"),
    "summary.formula.layer": ("layer {n}", "第 {n} 层"),
    "summary.formula.layers": ("layers 1–{last}", "第 1–{last} 层"),
    "summary.formula.total": ("  total = {total}", "  合计 = {total}"),
    "summary.keras_note": (
        "The + 2 counts two bias vectors per gate block: PyTorch keeps b_ih and b_hh where "
        "Keras keeps one (nn.RNN(2, 3) has 3·(2 + 3 + 2) = 21 parameters; Keras SimpleRNN(3) "
        "on 2 features has 3·(2 + 3 + 1) = 18).",
        "“+ 2”表示每个门块有两个偏置向量：PyTorch 保留 b_ih 和 b_hh，而 Keras 只保留一个"
        "（nn.RNN(2, 3) 有 3·(2 + 3 + 2) = 21 个参数；Keras 的 SimpleRNN(3) 在 2 个特征上有 "
        "3·(2 + 3 + 1) = 18 个）。",
    ),
    "summary.shape.tokens": (
        "token ids: B sequences of T characters each.",
        "词元 id：B 个序列，每个含 T 个字符。",
    ),
    "summary.shape.embedding": ("embedding width", "嵌入宽度"),
    "summary.shape.features": ("features per step", "每个时间步的特征数"),
    "summary.shape.input": (
        "B sequences, T time steps, F = {f} ({read}).",
        "B 个序列，T 个时间步，F = {f}（{read}）。",
    ),
    "summary.shape.output": (
        "the top layer's hidden state at every step; H = {h}.",
        "最上层在每个时间步的隐藏状态；H = {h}。",
    ),
    "summary.shape.output_bi": (
        "the top layer's hidden state at every step; H = {h}, forward and backward side by "
        "side (H·D).",
        "最上层在每个时间步的隐藏状态；H = {h}，正向和反向并排放置（H·D）。",
    ),
    "summary.shape.h_n": (
        "the final hidden state of every layer and direction (L·D of them).",
        "每一层、每个方向的最终隐藏状态（共 L·D 个）。",
    ),
    "summary.shape.h_n_bi": (
        "the final hidden state of every layer and direction (L·D of them); the backward "
        "direction finishes at t = 0.",
        "每一层、每个方向的最终隐藏状态（共 L·D 个）；反向在 t = 0 处结束。",
    ),
    "summary.shape.c_n": (
        "the LSTM's last cell state, laid out like h_n.",
        "LSTM 最后的细胞状态，排列方式与 h_n 相同。",
    ),
    "summary.shape.head_output": ("head output", "输出层的输出"),
    "summary.shape.many_to_one": (
        "one prediction per sequence, read from the final state.",
        "每个序列一个预测，由最后的隐藏状态得出。",
    ),
    "summary.shape.many_to_many": ("one prediction at every time step.", "每个时间步一个预测。"),
    "summary.shape.char_lm": (
        "logits over the vocabulary for the next character at every step.",
        "每个时间步给词表中每个字符的得分（softmax 之前），表示它作为下一个字符的可能性。",
    ),
    # ---- limits: why a run is refused before it starts -----------------------------------
    "limits.hidden": (
        "Hidden size {hidden} is above the cap of {cap}. Pick a smaller one.",
        "隐藏层大小 {hidden} 超过了上限 {cap}。请选一个更小的值。",
    ),
    "limits.layers": (
        "{layers} layers is above the cap of {cap}.",
        "{layers} 层超过了上限 {cap} 层。",
    ),
    "limits.seq_len": (
        "Sequences of {steps} steps are above the cap of {cap}. Use a shorter window.",
        "{steps} 个时间步的序列超过了上限 {cap}。请使用更短的窗口。",
    ),
    "limits.memory": (
        "This run would need about {need:.1f} GiB of memory, more than the {limit:.1f} GiB "
        "one run may use here. Lower the batch size, the hidden size, the layers or the window.",
        "这次训练大约需要 {need:.1f} GiB 内存，超过了此处单次训练可用的 {limit:.1f} GiB。"
        "请减小批大小、隐藏层大小、层数或窗口。",
    ),
    # ---- export: a model file that cannot be loaded --------------------------------------
    "export.read_failed": ("Could not read the model file: {error}", "无法读取模型文件：{error}"),
    "export.not_a_model": (
        "This is not an rnnviz model file. Upload a .safetensors file saved by rnnviz "
        "(Train page, 'Download model'); pickles and torch.save files are never opened.",
        "这不是 rnnviz 模型文件。请上传由 rnnviz 保存的 .safetensors 文件"
        "（“训练”页的“下载模型”）；pickle 和 torch.save 文件永远不会被打开。",
    ),
    "export.bad_settings": (
        "The model file's settings are invalid ({error}). Save the model again.",
        "模型文件中的设置无效（{error}）。请重新保存模型。",
    ),
    "export.bad_tensors": (
        "The model file's tensors do not match its settings ({problems}). It may be damaged: "
        "save it again.",
        "模型文件中的张量与其设置不符（{problems}）。文件可能已损坏：请重新保存。",
    ),
    "export.missing": ("missing {names}", "缺少 {names}"),
    "export.unexpected": ("unexpected {names}", "多余 {names}"),
    "export.wrong_shape": ("wrong shape {names}", "形状不对 {names}"),
    "export.and_more": (" and {count} more", " 等另外 {count} 个"),
    "export.too_nested": (
        "The model file's settings are nested too deeply to be rnnviz settings. Save the model "
        "again from rnnviz.",
        "模型文件中的设置嵌套过深，不可能是 rnnviz 的设置。请在 rnnviz 中重新保存模型。",
    ),
    "export.huge_number": (
        "The model file holds a number with thousands of digits, which no rnnviz setting has. "
        "Save the model again from rnnviz.",
        "模型文件中有一个上千位的数字，rnnviz 的设置中不会有这样的数。请在 rnnviz 中重新保存模型。",
    ),
    "export.not_object": ("'{key}' must be a JSON object", "“{key}”必须是一个 JSON 对象"),
    "export.field_type": (
        "{field} must be {kind}, not {value}",
        "{field} 必须是{kind}，而不是 {value}",
    ),
    "export.kind.int": ("a whole number", "整数"),
    "export.kind.bool": ("true or false", "`true` 或 `false`"),
    "export.kind.number": ("a finite number", "有限的数"),
    "export.choice": (
        "{field} must be one of {options}, not {value}",
        "{field} 必须是 {options} 之一，而不是 {value}",
    ),
    "export.too_big": (
        "This model is too large for this server: {reason}",
        "这个模型对此服务器来说太大了：{reason}",
    ),
    "export.over_cap": (
        "the model's {field} is {value}, above the cap of {cap}.",
        "模型的 {field} 为 {value}，超过了上限 {cap}。",
    ),
    "export.memory": (
        "training it would need about {need:.1f} GiB of memory, more than the {limit:.1f} GiB "
        "one run may use here.",
        "训练它大约需要 {need:.1f} GiB 内存，超过了此处单次训练可用的 {limit:.1f} GiB。",
    ),
    "export.damaged": (
        "The model file is damaged ({problem}): it may have been cut short or edited. Save the "
        "model again.",
        "模型文件已损坏（{problem}）：它可能被截断或修改过。请重新保存模型。",
    ),
    "export.bad_entry": (
        "no valid dtype, shape and byte range for {names}",
        "{names} 没有有效的类型、形状和字节范围",
    ),
    "export.offsets": (
        "the bytes of {names} are not where the header says",
        "{names} 的数据不在文件头所说的位置",
    ),
    "export.layout": (
        "the tensors' bytes overlap, leave gaps or stop before the file ends",
        "张量的数据互相重叠、留有空隙，或在文件结束前就已结束",
    ),
    "export.dtype": (
        "The model file's tensors {names} hold {dtype} values, not floating-point weights. "
        "Upload a model saved by rnnviz.",
        "模型文件中的张量 {names} 存放的是 {dtype} 类型的值，而不是浮点权重。"
        "请上传由 rnnviz 保存的模型。",
    ),
    # ---- the head: nn.Linear, or none ------------------------------------------------
    "head.label": ("Head", "输出层"),
    "head.help": (
        "Linear: an nn.Linear (Keras: Dense) turns the last layer's hidden state into the "
        "predictions. None: the hidden state itself is the prediction, as in tutorials that "
        "use nn.RNN alone; then hidden size × directions must equal the number of predicted "
        "columns.",
        "线性层：用 nn.Linear（Keras 中的 Dense）把最后一层的隐藏状态变成预测值。"
        "无：隐藏状态本身就是预测值，就像只用 nn.RNN 的教程那样；"
        "此时隐藏单元数 × 方向数必须等于要预测的列数。",
    ),
    "head.choice.linear": ("Linear (nn.Linear)", "线性层（nn.Linear）"),
    "head.choice.none": ("None: the hidden state is the output", "无：隐藏状态就是输出"),
    "head.unknown": (
        "head must be one of {options}, got {got}",
        "`head` 必须是 {options} 之一，实际为 {got}",
    ),
    "head.char_lm": (
        "A text model needs its linear head (it turns the state into scores over the "
        "characters). Choose the Linear head.",
        "文本模型需要线性输出层（它把隐藏状态变成每个字符的得分）。请选择线性输出层。",
    ),
    "head.size": (
        "Without a head the last layer's hidden state is the output, so hidden size × "
        "directions ({hidden} × {d} = {width}) must equal the number of predicted columns "
        "({outputs}). Set the hidden size to {outputs} with one direction, predict {width} "
        "columns, or choose the Linear head.",
        "没有输出层时，最后一层的隐藏状态就是输出，所以隐藏单元数 × 方向数"
        "（{hidden} × {d} = {width}）必须等于要预测的列数（{outputs}）。"
        "请把隐藏单元数设为 {outputs} 且只用一个方向，或预测 {width} 列，或选择线性输出层。",
    ),
    "limits.output_size": (
        "The model predicts {size} values per step, above the cap of {cap}. Predict fewer columns.",
        "模型每个时间步预测 {size} 个值，超过了上限 {cap}。请预测更少的列。",
    ),
}
