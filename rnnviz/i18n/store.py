"""Strings of the saved workspace (rnnviz.files.store, rnnviz.ui.persist): what comes back after a
reload, what could not, and the "forget my work" button. {key: (English, 简体中文)}."""

STRINGS: dict[str, tuple[str, str]] = {
    "store.restored": (
        "Your work was restored as it was saved {ago} ago: {parts}.",
        "已恢复你在 {ago} 前保存的工作：{parts}。",
    ),
    "store.part.data": ("the data set", "数据集"),
    "store.part.settings": ("the settings", "设置"),
    "store.part.run": ("the trained model with its history", "训练好的模型及其历史"),
    "store.stopped_at": (
        "Training was still running when this page was left: the run was restored as last "
        "saved, stopped at step {step}. Resume goes on from there (with a fresh optimizer).",
        "离开此页时训练仍在进行：已按最后一次保存的状态恢复，停在第 {step} 步。"
        "点“继续”即可从那里接着训练（优化器重新开始）。",
    ),
    "store.skipped": (
        "Part of your saved work could not be read back and was left out ({parts}); the rest "
        "was restored.",
        "你保存的工作有一部分无法读回，已略过（{parts}）；其余部分已恢复。",
    ),
    "store.skipped.run": ("the trained model", "训练好的模型"),
    "store.skipped.data": ("the data set", "数据集"),
    "store.skipped.work": ("the settings", "设置"),
    "store.full": (
        "Your work could not be saved on this server: its disk is full, or your work is "
        "larger than the server keeps for one person. Training goes on, but a reload will "
        "lose it: download the model (Train page) to keep it.",
        "无法在此服务器上保存你的工作：磁盘已满，或你的工作超过了服务器为每人保留的大小。"
        "训练会继续，但刷新页面后会丢失：请在“训练”页下载模型以保留它。",
    ),
    "store.failed": (
        "Your work could not be saved on this server ({error}). Training goes on.",
        "无法在此服务器上保存你的工作（{error}）。训练会继续。",
    ),
    "store.forget": ("Forget my work", "忘掉我的工作"),
    "store.forget_help": (
        "Deletes the work this browser saved on the server (data, settings, trained models). "
        "Work is kept for {hours} hours after its last use, never shown to anyone else.",
        "删除此浏览器保存在服务器上的工作（数据、设置、训练好的模型）。"
        "工作在最后一次使用后保留 {hours} 小时，不会被其他人看到。",
    ),
    "store.forgotten": (
        "Your saved work was deleted from this server. This tab starts afresh.",
        "你保存的工作已从此服务器删除。此标签页重新开始。",
    ),
}
