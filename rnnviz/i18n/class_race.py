"""Catalog: the Compare page on labelled names (RNN, LSTM and GRU classify the same names:
accuracy, time and parameters; rnnviz.experiments.class_race)."""

STRINGS: dict[str, tuple[str, str]] = {
    # ---- the section
    "nrace.title": (
        "RNN vs LSTM vs GRU on names: accuracy, time and parameters",
        "RNN、LSTM 与 GRU 给名字分类：准确率、时间和参数量",
    ),
    "nrace.intro": (
        "The three cells read the same names with your model's settings otherwise, one "
        "after another, each for the same number of seconds. The table then gives each "
        "one's accuracy on the test names, its time and its size.",
        "三种单元读取同样的名字，其余设置都与你的模型相同，依次训练，每个训练相同的秒数。"
        "结束后，表格列出每个模型在测试名字上的准确率、所用时间和参数量。",
    ),
    "nrace.seconds": ("Seconds for each model", "每个模型的训练秒数"),
    "nrace.seconds_help": (
        "Wall clock. The models train one after another, so each has the whole CPU.",
        "按实际耗时计。模型依次训练，所以每个都独占整个 CPU。",
    ),
    "nrace.describe": (
        "Each model: hidden size {hidden}, {layers} layer(s), {direction}, dropout "
        "{dropout:g}, letters as {embed}; learning rate {lr:g}, batch size {batch}, seed {seed}.",
        "每个模型：隐藏层大小 {hidden}，{layers} 层，{direction}，Dropout {dropout:g}，"
        "字母输入方式为 {embed}；学习率 {lr:g}，批大小 {batch}，随机种子 {seed}。",
    ),
    "nrace.one_way": ("one direction", "单向"),
    "nrace.two_ways": ("bidirectional", "双向"),
    "nrace.start": ("Start the race", "开始比赛"),
    "nrace.stop": ("Stop", "停止"),
    "nrace.press_start": (
        "Press **Start the race**: RNN, then LSTM, then GRU.",
        "点击 **开始比赛**：先 RNN，再 LSTM，最后 GRU。",
    ),
    "nrace.already_running": (
        "A race is already running: stop it first.",
        "已有一场比赛在进行：请先停止它。",
    ),
    "nrace.stale": (
        "These results are of other data or settings than the current ones: start the "
        "race again to compare on these.",
        "这些结果来自与当前不同的数据或设置：请重新开始比赛，在当前数据上比较。",
    ),
    "nrace.training": (
        "Training {model} ({done} of {total} finished), step {step:,}, epoch {epoch}, "
        "{seconds:.0f} s",
        "正在训练 {model}（已完成 {done}/{total}），第 {step:,} 步，"
        "第 {epoch} 轮次，{seconds:.0f} 秒",
    ),
    "nrace.results": ("Results", "结果"),
    "nrace.by_seconds": ("Over seconds", "按秒数"),
    "nrace.by_steps": ("Over steps", "按训练步数"),
    "nrace.curve_caption": (
        "Validation accuracy after each epoch (and where a run ended). The seconds are "
        "read off each run's steady pace.",
        "每个轮次结束时（以及训练结束时）的验证准确率。秒数按每次训练的平均速度换算。",
    ),
    # ---- the table
    "nrace.col.model": ("model", "模型"),
    "nrace.col.parameters": ("parameters", "参数量"),
    "nrace.col.seconds": ("seconds", "秒数"),
    "nrace.col.steps": ("steps", "步数"),
    "nrace.col.epochs": ("epochs", "轮次"),
    "nrace.col.best_val_acc": ("best validation accuracy", "最佳验证准确率"),
    "nrace.col.val_acc": ("validation accuracy", "验证准确率"),
    "nrace.col.test_acc": ("test accuracy", "测试准确率"),
    "nrace.col.samples": ("names/s", "名字/秒"),
    "nrace.col.state": ("finished as", "结束状态"),
    "nrace.help_test": (
        "Of the weights each model keeps, on test names no model saw in training.",
        "每个模型保留的权重在测试名字上的准确率，这些名字在训练中从未见过。",
    ),
    # ---- the verdict
    "nrace.winner": (
        "**{model}** classified the most test names correctly: {acc:.1%}, {points:.1f} "
        "points above {second} ({second_acc:.1%}), with {params:,} parameters in "
        "{seconds:.0f} s. In a short race the smallest cell fits in the most epochs: give "
        "each model more seconds to compare what the cells can learn.",
        "**{model}** 在测试名字上分类正确的最多：{acc:.1%}，比 {second}（{second_acc:.1%}）"
        "高 {points:.1f} 个百分点，参数量 {params:,}，用时 {seconds:.0f} 秒。"
        "比赛时间短时，最小的单元能跑最多轮：给每个模型更多秒数，才能比较各单元能学到什么。",
    ),
    "nrace.tie": (
        "**{model}** ({acc:.1%}) and **{second}** ({second_acc:.1%}) tie: "
        "{points:.1f} points apart.",
        "**{model}**（{acc:.1%}）与 **{second}**（{second_acc:.1%}）打成平手："
        "只差 {points:.1f} 个百分点。",
    ),
    "nrace.alone": (
        "Only **{model}** finished: {acc:.1%} of the test names right.",
        "只有 **{model}** 完成了训练：测试名字的准确率为 {acc:.1%}。",
    ),
    "nrace.noise": (
        " One run each is noisy (another seed moves accuracy by about a point), so within "
        "~{limit:.0f} point is a tie.",
        "每个模型只训练了一次，结果有噪声（换一个随机种子，准确率就会变动约一个百分点），"
        "所以相差约 {limit:.0f} 个百分点以内算平手。",
    ),
    "nrace.stopped": (
        " The race was stopped early: not every model had its whole budget.",
        "比赛被提前停止：并非每个模型都用完了预算。",
    ),
    "nrace.no_winner": (
        "No model finished training, so there is no winner.",
        "没有模型完成训练，所以没有胜者。",
    ),
    # ---- the figures
    "fig.nrace.acc.title": ("Test accuracy by cell", "各单元的测试准确率"),
    "fig.nrace.acc.y": ("accuracy", "准确率"),
    "fig.nrace.acc.test": ("test", "测试"),
    "fig.nrace.acc.val": ("validation", "验证"),
    "fig.nrace.acc.parameters": ("parameters", "参数量"),
    "fig.nrace.acc.seconds": ("seconds", "秒数"),
    "fig.nrace.curve.title": ("Validation accuracy while training", "训练过程中的验证准确率"),
    "fig.nrace.curve.x_seconds": ("seconds of training", "训练秒数"),
    "fig.nrace.curve.x_steps": ("training step", "训练步数"),
    "fig.nrace.curve.y": ("validation accuracy", "验证准确率"),
}
