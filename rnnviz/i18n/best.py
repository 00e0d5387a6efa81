"""Catalog: keeping the best weights and stopping early."""

STRINGS: dict[str, tuple[str, str]] = {
    "best.label": ("Keep the best weights", "保留最佳权重"),
    "best.help": (
        "When the run ends, put back the weights of the lowest validation loss.",
        "训练结束时，恢复验证损失最低时的权重。",
    ),
    "best.patience": (
        "Stop early after (validations without improvement)",
        "提前停止（验证损失连续未改善的次数）",
    ),
    "best.patience_help": ("0: never stop early.", "0 表示不提前停止。"),
    "best.val_every": ("Validation every (steps)", "每隔多少步验证一次"),
    "best.val_every_help": (
        "0: once per epoch (more often when an epoch is long).",
        "0 表示每轮一次（一轮很长时更频繁）。",
    ),
    "best.section": ("Validation and best weights", "验证与最佳权重"),
    "best.restored": (
        "Kept the weights of step {step} (lowest validation loss {loss:.4g}).",
        "保留了第 {step} 步的权重（验证损失最低：{loss:.4g}）。",
    ),
    "best.early": (
        "Stopped early at step {step}: the validation loss did not improve in {n} validations.",
        "已在第 {step} 步提前停止：验证损失连续 {n} 次没有改善。",
    ),
    "best.marker": ("kept weights (lowest validation loss)", "保留的权重（验证损失最低）"),
}
