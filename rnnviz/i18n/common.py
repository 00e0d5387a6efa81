"""Strings shared by every page: navigation, the sidebar, the share link, common words.

{key: (English, 简体中文)}
"""

STRINGS: dict[str, tuple[str, str]] = {
    "app.language": ("Language / 语言", "Language / 语言"),
    "app.page_failed": (
        "Something went wrong on this page. Your data and runs are kept; try again or go "
        "back to Data.",
        "这个页面出错了。你的数据和训练记录都还在；请重试，或回到数据页。",
    ),
    "present.label": ("Present / 演示", "演示 / Present"),
    "present.help": (
        "Presentation mode, for a projector: larger text in every chart, the sidebar folded "
        "away and one chart per row. The link carries it (present=1), so a class that opens "
        "your link sees the same view.",
        "演示模式，适合投影：所有图表的文字更大，侧边栏收起，每行只放一张图。链接会带上它"
        "（present=1），学生打开你的链接会看到同样的视图。",
    ),
    "nav.home": ("Home", "首页"),
    "nav.data": ("1 · Data", "1 · 数据"),
    "nav.model": ("2 · Model", "2 · 模型"),
    "nav.train": ("3 · Train", "3 · 训练"),
    "nav.inside": ("4 · Inside", "4 · 内部"),
    "nav.predict": ("5 · Predict", "5 · 预测"),
    "nav.compare": ("Compare RNN · LSTM · GRU", "对比 RNN · LSTM · GRU"),
    "nav.lab": ("Lab: memory & gradients", "实验室：记忆与梯度"),
    "cell.rnn_tanh": ("RNN (tanh)", "RNN (tanh)"),
    "cell.rnn_relu": ("RNN (ReLU)", "RNN (ReLU)"),
    "cell.lstm": ("LSTM", "LSTM"),
    "cell.gru": ("GRU", "GRU"),
    "state.idle": ("idle", "未开始"),
    "state.running": ("running", "训练中"),
    "state.stopped": ("stopped", "已停止"),
    "state.done": ("done", "已完成"),
    "state.diverged": ("diverged", "已发散"),
    "state.error": ("error", "出错"),
    "sidebar.title": ("### Your workspace", "### 你的工作区"),
    "sidebar.data": ("**Data:** {name}", "**数据：** {name}"),
    "sidebar.no_data": ("none yet", "尚未选择"),
    "sidebar.data_help": ("Choose it on the Data page.", "在“数据”页选择。"),
    "sidebar.model": ("**Model:** {arch}", "**模型：** {arch}"),
    "sidebar.arch": (
        "{cell}, {hidden} units × {layers} layer(s)",
        "{cell}，{hidden} 个单元 × {layers} 层",
    ),
    "sidebar.bidirectional": (", bidirectional", "，双向"),
    "sidebar.training": ("**Training:** {text}", "**训练：** {text}"),
    "sidebar.not_started": ("not started", "尚未开始"),
    "sidebar.training_state": (
        "{icon} {state}, step {step}/{total}",
        "{icon} {state}，第 {step}/{total} 步",
    ),
    "slots.load": (
        "server: {training} training, {waiting} waiting",
        "服务器：{training} 个在训练，{waiting} 个在排队",
    ),
    "slots.load_help": (
        "Jobs this server trains at once are limited to {slots}; the others "
        "wait in line and start by themselves (RNNVIZ_TRAINING_SLOTS).",
        "本服务器同时最多训练 {slots} 个任务；其余的排队等待，轮到时自动开始"
        "（RNNVIZ_TRAINING_SLOTS）。",
    ),
    "slots.waiting": (
        "Waiting for a free training slot — {ahead} ahead of you. Training starts "
        "by itself; Stop leaves the queue.",
        "正在等待空闲的训练名额——前面还有 {ahead} 个。轮到时会自动开始训练；点“停止”可退出排队。",
    ),
    "slots.sidebar_waiting": (
        ":material/schedule: waiting for a slot, {ahead} ahead",
        ":material/schedule: 排队等待名额，前面还有 {ahead} 个",
    ),
    "guard.no_data": (
        "No data yet. Start on the **Data** page: pick a sample or upload a file.",
        "还没有数据。请先到**数据**页：选择一个示例或上传文件。",
    ),
    "guard.go_data": ("Go to Data", "前往数据页"),
    "guard.no_model": (
        "No trained model yet. Train one on the **Train** page first.",
        "还没有训练好的模型。请先在**训练**页训练一个。",
    ),
    "guard.go_train": ("Go to Train", "前往训练页"),
    "export.html_label": ("Download as HTML (plays offline)", "下载为 HTML（可离线播放）"),
    "export.html_help": (
        "One HTML file with the animation and plotly.js inside: open it in "
        "any browser, no internet or Python needed.",
        "一个包含动画和 plotly.js 的 HTML 文件：用任何浏览器打开即可，无需联网或 Python。",
    ),
    "share.opened": ("Opened the setup this link carries.", "已打开此链接携带的设置。"),
    "share.ignored": (
        "This link had values rnnviz cannot use, so they were ignored and the "
        "rest was restored: {warnings}.",
        "此链接中有 rnnviz 无法使用的值，已忽略这些值并恢复其余设置：{warnings}。",
    ),
    "share.prep_unfit": (
        "the data settings do not fit this sample ({error}) so its defaults are used",
        "数据设置不适合此示例（{error}），因此使用其默认设置",
    ),
    "share.hint_link": (
        ":material/share: **Share this setup:** copy the address bar. It holds "
        "the sample, model and training settings (not the trained weights). "
        "[Link]({link})",
        ":material/share: **分享此设置**：复制地址栏。它包含示例、模型和训练设置"
        "（不含训练好的权重）。[链接]({link})",
    ),
    "share.hint_upload": (
        ":material/link_off: **No share link:** an uploaded file stays in "
        "this session, so a link cannot carry it. Links work with the "
        "bundled samples.",
        ":material/link_off: **无法分享链接**：上传的文件只保存在本会话中，"
        "链接无法携带它。链接适用于内置示例。",
    ),
    "share.hint_none": (
        ":material/share: Pick a sample on the Data page and the address bar "
        "becomes a link to this setup.",
        ":material/share: 在“数据”页选择一个示例，地址栏就会成为此设置的链接。",
    ),
    "list.separator": ("; ", "；"),
    # --------------------------------------------------------- settings (rnnviz/session/schema.py)
    "settings.max_chars": ("Characters read (0 = the whole text)", "读取的字符数（0 = 全部文本）"),
    "settings.range": ("Allowed: {lo} to {hi}.", "允许的范围：{lo} 到 {hi}。"),
    "settings.off_grid": ("not {lo} plus a multiple of {step}", "不是 {lo} 加 {step} 的整数倍"),
    "config.cell": (
        "cell must be one of {options}, got {got}",
        "`cell` 必须是 {options} 之一，实际为 {got}",
    ),
    "config.mode": (
        "mode must be one of {options}, got {got}",
        "`mode` 必须是 {options} 之一，实际为 {got}",
    ),
    "config.vocab": (
        "a char_lm model needs vocab_size >= 1",
        "char_lm 模型需要 vocab_size >= 1（至少一个字符）",
    ),
    "config.sizes": (
        "input_size, hidden_size, num_layers and output_size must be >= 1",
        "input_size、hidden_size、num_layers 和 output_size 都必须 >= 1",
    ),
    "config.dropout": ("dropout must be in [0, 1)", "`dropout` 必须在 [0, 1) 之间"),
    "config.device": (
        "device must be auto, cpu or cuda, got {got}",
        "`device` 必须是 `auto`、`cpu` 或 `cuda`，实际为 {got}",
    ),
    "config.no_cuda": (
        "CUDA was asked for but no GPU is available: training on the CPU instead.",
        "选择了 CUDA，但没有可用的 GPU：改为在 CPU 上训练。",
    ),
    # ---- limits: the gate every training path passes (rnnviz.server.limits.admit) --------------
    "limits.model": ("{model}: {reason}", "{model}：{reason}"),
    "limits.input_size": (
        "The model reads or predicts {size} values per step, above the cap of {cap}. "
        "Pick fewer columns.",
        "模型每个时间步读入或预测 {size} 个值，超过了上限 {cap}。请选择更少的列。",
    ),
    "limits.vocab": (
        "The text has {size} different characters, above the cap of {cap}. Use a shorter "
        "or plainer text.",
        "文本中有 {size} 个不同的字符，超过了上限 {cap}。请使用更短或更简单的文本。",
    ),
    "limits.memory_models": (
        "These {n} models train at once and together would need about {need:.1f} GiB of "
        "memory, more than the {limit:.1f} GiB one session may use here. Race fewer models "
        "(untick bidirectional or 2 layers), or lower the batch size, the hidden size or the "
        "window.",
        "这 {n} 个模型同时训练，合计大约需要 {need:.1f} GiB 内存，超过了此处每个会话可用的 "
        "{limit:.1f} GiB。请减少参赛模型（取消“双向”或“两层”），或减小批大小、隐藏层大小或窗口。",
    ),
    "limits.memory_running": (
        "This would need about {need:.1f} GiB of memory, and your jobs that are still "
        "running hold about {held:.1f} GiB: together more than the {limit:.1f} GiB one "
        "session may use here. Stop a running job (Train, Compare or Lab page) or wait for "
        "it to finish, or make this run smaller.",
        "这次训练大约需要 {need:.1f} GiB 内存，而你仍在运行的任务已占用约 {held:.1f} GiB："
        "合计超过了此处每个会话可用的 {limit:.1f} GiB。请先停止一个正在运行的任务"
        "（“训练”“对比”或“实验室”页），或等它结束，或把这次训练调小。",
    ),
}
