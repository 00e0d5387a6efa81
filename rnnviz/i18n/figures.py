"""Strings of rnnviz: figures. {key: (English, 简体中文)}."""

STRINGS: dict[str, tuple[str, str]] = {
    # ---- animation controls (_anim.py): every animated figure ---------------------------
    "fig.anim.play": ("Play", "播放"),
    "fig.anim.pause": ("Pause", "暂停"),
    "fig.anim.err_labels": (
        "unknown label keys {unknown}; known: {known}",
        "未知的标签键 {unknown}；可用的键：{known}",
    ),
    "fig.anim.err_range": (
        "colour range must have min < max, got {zrange}",
        "颜色范围的下限必须小于上限，实际为 {zrange}",
    ),
    "fig.anim.err_slider": ("one slider label per frame is needed", "每一帧都需要一个滑块标签"),
    # ---- Inside page figures (inside.py) --------------------------------------------------
    "fig.inside.hidden_title": ("Hidden state h over time", "隐藏状态 h 随时间的变化"),
    "fig.inside.gate_bars_title": ("Gates and states, unit by unit", "逐个单元看门与状态"),
    "fig.inside.gate_maps_title": ("Gates over time", "门随时间的变化"),
    "fig.inside.snapshot_title": ("Hidden state as training goes on", "隐藏状态随训练的变化"),
    "fig.inside.pca_title": (
        "Hidden-state trajectory (first two principal components)",
        "隐藏状态的轨迹（前两个主成分）",
    ),
    "fig.inside.input": ("input", "输入"),
    "fig.inside.unit": ("unit", "单元"),
    "fig.inside.step": ("time step", "时间步"),
    "fig.inside.value": ("value", "数值"),
    "fig.inside.feature": ("feature", "特征"),
    "fig.inside.char": ("character", "字符"),
    "fig.inside.loss": ("loss", "损失"),
    "fig.inside.snapshot": ("snapshot", "快照"),
    "fig.inside.slider_step": ("time step: ", "时间步："),
    "fig.inside.slider_snapshot": ("snapshot: ", "快照："),
    "fig.inside.slider_training": ("training step: ", "训练步："),
    "fig.inside.path": ("path", "路径"),
    "fig.inside.now": ("now", "当前"),
    "fig.inside.start": ("start", "起点"),
    "fig.inside.err_text": (
        "input_text has {n} characters for {steps} steps",
        "input_text 有 {n} 个字符，却对应 {steps} 个时间步",
    ),
    "fig.inside.err_inputs": (
        "inputs have {n} steps, h has {steps}",
        "`inputs` 有 {n} 个时间步，`h` 有 {steps} 个",
    ),
    "fig.inside.err_frames": (
        "every panel and frame_labels need the same number of frames",
        "每个面板和 frame_labels 的帧数必须相同",
    ),
    # ---- gate insight figure (insight.py) -------------------------------------------------
    "fig.insight.title": (
        "How often each unit's forget gate is open or shut",
        "每个单元的遗忘门打开或关闭的频率",
    ),
    "fig.insight.share": ("share of time steps", "时间步占比"),
    "fig.insight.memory": ("gate > 0.9: keeps its memory", "门 > 0.9：保留记忆"),
    "fig.insight.between": ("in between", "介于两者之间"),
    "fig.insight.reset": ("gate < 0.1: wipes its memory", "门 < 0.1：清除记忆"),
    "fig.insight.mean": ("average gate value", "门的平均值"),
    "fig.insight.hist_title": ("Where the units' average gate values fall", "各单元门平均值的分布"),
    "fig.insight.units": ("units", "单元数"),
    "fig.insight.memory_zone": ("memory zone", "记忆区"),
    "fig.insight.reset_zone": ("reset zone", "重置区"),
    "fig.inside.value_fixed": ("value (fixed scale)", "数值（固定色标）"),
    "fig.inside.value_data": ("value (scaled to data)", "数值（按数据缩放）"),
    "fig.insight.err_shape": (
        "memory and reset must be equal-length 1-D, got {memory}, {reset}",
        "`memory` 和 `reset` 必须是等长的一维数组，实际为 {memory}、{reset}",
    ),
    # ---- the unrolled network (diagram.py) ------------------------------------------------
    "fig.diagram.title": ("The network unrolled over time", "按时间步展开的网络"),
    "fig.diagram.forward": ("forward lane (left to right)", "前向通道（从左到右）"),
    "fig.diagram.backward": ("backward lane (right to left)", "反向通道（从右到左）"),
    "fig.diagram.err_size": (
        "num_layers and steps must be at least 1",
        "`num_layers` 和 `steps` 都必须至少为 1",
    ),
}
