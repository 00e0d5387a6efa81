"""Strings of fair training on a shared server: per-browser job caps, the wall-clock limit of
a run, the whole server's memory. {key: (English, 简体中文)}."""

STRINGS: dict[str, tuple[str, str]] = {
    # ---- per-browser caps (rnnviz.server.train_queue, checked by rnnviz.ui.jobs.start) ----------
    "fairness.caps": (
        "Not started: this browser already has {held} run(s) training and {waiting} waiting "
        "(all your tabs count together), and each browser may have at most {running} "
        "training and {queued} waiting on this server, so that classmates get their turn. "
        "Stop one of your runs (Train, Compare or Lab page, in any of your tabs) or wait for "
        "it to finish, then start this one again. Nothing was changed.",
        "未开始：此浏览器已有 {held} 个训练正在运行、{waiting} 个在排队（你所有的标签页合并计算），"
        "而在这台服务器上每个浏览器最多只能有 {running} 个在训练、{queued} 个在排队，"
        "好让同学们也能轮到。"
        "请先停止你的一个训练（在任一标签页的“训练”“对比”或“实验室”页），或等它结束，然后再开始这一个。"
        "什么都没有被改动。",
    ),
    "fairness.waiting_own": (
        "Waiting for your other run to finish: each browser trains at most {running} run(s) "
        "at a time on this server (all your tabs count together). This one starts by itself "
        "then; stop the other one (Train, Compare or Lab page, or another tab) to start this "
        "one sooner.",
        "正在等待你的另一个训练结束：在这台服务器上每个浏览器同时最多训练 {running} "
        "个（你所有的标签页合并计算）。"
        "届时这一个会自动开始；停止另一个（“训练”“对比”或“实验室”页，或另一个标签页）可以让它更早开始。",
    ),
    "fairness.sidebar_waiting_own": (
        ":material/schedule: waiting for your other run",
        ":material/schedule: 等待你的另一个训练结束",
    ),
    "fairness.rules": (
        "Each browser may have {running} run(s) training and {queued} waiting at a time (all "
        "its tabs together), and a run stops itself after {minutes} min (Resume goes on).",
        "每个浏览器同时最多 {running} 个训练在运行、{queued} 个在排队（它所有的标签页合并计算），"
        "每次训练在 {minutes} 分钟后自动停止（可以“继续”）。",
    ),
    "fairness.rules_no_limit": (
        "Each browser may have {running} run(s) training and {queued} waiting at a time (all "
        "its tabs together).",
        "每个浏览器同时最多 {running} 个训练在运行、{queued} 个在排队（它所有的标签页合并计算）。",
    ),
    # ---- the wall-clock limit of a run (rnnviz.train.worker) -------------------------------------
    "fairness.time_limit": (
        "Stopped at this server's time limit of {minutes} min, at step {step}: the weights "
        "and the loss history are kept. Resume goes on from here (after anyone waiting).",
        "已在本服务器的时间上限 {minutes} 分钟处停止，停在第 {step} 步：权重和损失历史都已保留。"
        "按“继续”可从这里接着训练（排在等待的人之后）。",
    ),
    "fairness.limit_note": (
        "Runs on this server stop after {minutes} min (weights and history kept; Resume goes on).",
        "本服务器上的每次训练在 {minutes} 分钟后停止（保留权重和历史；可以“继续”）。",
    ),
    "fairness.over_limit": (
        "This run would take about {time}, but runs on this server stop after {minutes} min: "
        "it would stop near step {at} of {steps}. Fewer epochs, a larger batch, or a smaller "
        "model or window make it fit.",
        "这次训练大约需要 {time}，但本服务器上的训练在 {minutes} 分钟后停止：大约会停在第 {at} 步"
        "（共 {steps} 步）。减少轮次、增大批大小，或减小模型或窗口，可以让它在时限内完成。",
    ),
    "fairness.seconds": ("{n:.0f} s", "{n:.0f} 秒"),
    "fairness.minutes": ("{n:.0f} min", "{n:.0f} 分钟"),
    "fairness.hours": ("{n:.1f} hours", "{n:.1f} 小时"),
    "fairness.days": ("{n:,.0f} days", "{n:,.0f} 天"),
    # ---- memory: the whole server's share, and the snapshots (rnnviz.server.limits.admit) ------
    "fairness.memory_server": (
        "This run would need about {need:.1f} GiB of memory, and the runs training or "
        "waiting on this server (everyone's) hold about {held:.1f} GiB: together more than "
        "the {limit:.1f} GiB this server gives to training. Wait for some to finish (the "
        "sidebar shows the server's load), or make this run smaller: a lower batch size, "
        "hidden size, number of layers or window.",
        "这次训练大约需要 {need:.1f} GiB 内存，而这台服务器上（所有人）"
        "正在训练或排队的任务已占用约 "
        "{held:.1f} GiB：合计超过了本服务器留给训练的 {limit:.1f} GiB。"
        "请等一些任务结束（侧边栏显示服务器负载），"
        "或把这次训练调小：减小批大小、隐藏层大小、层数或窗口。",
    ),
    # Appended to a memory refusal: the English sentence brings its own space, Chinese none.
    "fairness.memory_snapshots": (
        " Of that, {gib:.1f} GiB are the training snapshots the Inside page animates (up to "
        "{n} of {each:,.0f} MiB each): they grow with the window, the hidden size, the layers "
        "and the directions.",
        "其中 {gib:.1f} GiB 是“内部”页动画所用的训练快照（最多 {n} 个，每个 {each:,.0f} MiB）："
        "它们随窗口、隐藏层大小、层数和方向数增大。",
    ),
}
