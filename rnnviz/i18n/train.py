"""Strings of rnnviz: train. {key: (English, 简体中文)}.

The Train page and its widgets (train.*), the training job's status lines (status.*) and
the training figures: loss curves, gradient norms, races (fig.train.*). The loss history
CSV keeps English column names (step, train_loss, val_loss): they are data, not text.
"""

STRINGS: dict[str, tuple[str, str]] = {
    "train.download_script": ("Export as PyTorch script", "导出为 PyTorch 脚本"),
    "train.download_script_help": (
        "One self-contained .py file that carries the rows this "
        "run trained on (a very large table: it reads your file), "
        "prepares them the same way, builds the same model and "
        "trains it with the same settings and seed: its losses "
        "equal this run's.",
        "一个独立的 .py 文件：带有本次训练所用的数据行（表格很大时改为"
        "读取你的文件），同样地准备、搭建同样的模型，并用同样的设置和"
        "随机种子训练：损失与本次训练相同。",
    ),
    "train.download_notebook": ("Export as Jupyter notebook", "导出为 Jupyter 笔记本"),
    "script.typed.help": (
        "One self-contained .py file with the rows you typed written in "
        "it (no data file needed): it scales them the same way, builds the "
        "same model, trains it with the same settings and seed (its losses "
        "equal this run's) and prints its answer for each row.",
        "一个独立的 .py 文件，你输入的数据行直接写在其中（无需数据文件）：同样地"
        "缩放、搭建同样的模型、用同样的设置和随机种子训练（损失与本次训练相同），"
        "并打印模型对每一行的回答。",
    ),
    "script.typed_series.help": (
        "One self-contained .py file with the series you typed "
        "written in it (no data file needed): it prepares it as a "
        "CSV column (window, horizon, splits, scaling fitted on the "
        "training part), builds the same model and trains it with the "
        "same settings and seed: its losses equal this run's.",
        "一个独立的 .py 文件，你输入的序列直接写在其中（无需数据文件）："
        "像 CSV 的一列那样准备（窗口、预测步长、划分、只在训练部分上拟合"
        "的缩放），搭建同样的模型，并用同样的设置和随机种子训练：损失与"
        "本次训练相同。",
    ),
    # ---- settings -------------------------------------------------------------------------
    "train.device": ("Device", "设备"),
    "train.no_gpu": (
        "No CUDA GPU found: training runs on the CPU.",
        "未找到 CUDA GPU：训练在 CPU 上运行。",
    ),
    "train.optimizer": ("Optimizer", "优化器"),
    "train.optimizer.adam": ("Adam", "Adam"),
    "train.optimizer.sgd": ("SGD (momentum 0.9)", "SGD（动量 0.9）"),
    "train.lr": ("Learning rate", "学习率"),
    "train.batch_size": ("Batch size", "批大小"),
    "train.epochs": ("Epochs", "轮次"),
    "train.clip": ("Gradient clipping (max norm, 0 = off)", "梯度裁剪（最大范数，0 = 关闭）"),
    "train.seed": ("Seed", "随机种子"),
    # ---- buttons ------------------------------------------------------------------------
    "train.already_running": (
        "Training is already running: press Stop first.",
        "训练已在进行中：请先点击“停止”。",
    ),
    "train.train": ("Train", "训练"),
    "train.stop": ("Stop", "停止"),
    "train.resume": ("Resume", "继续"),
    "train.resume_help": (
        "Continue from the same step with the settings above (e.g. a lower rate or more epochs).",
        "用上面的设置从同一步继续训练（例如更低的学习率或更多轮次）。",
    ),
    "train.reset": ("Reset", "重置"),
    "train.reset_help": (
        "Forget the trained model and its history.",
        "丢弃训练好的模型及其训练历史。",
    ),
    "train.changed": (
        "The data or the model changed since this model was trained. "
        "Press Train to train the new one (Inside and Predict show the old one until then).",
        "自这个模型训练以来，数据或模型已经改变。"
        "点击“训练”来训练新的模型（在此之前，“内部”和“预测”页显示的仍是旧模型）。",
    ),
    # ---- progress -----------------------------------------------------------------------
    "train.time_left": (" · about {seconds:.0f} s left", " · 约剩 {seconds:.0f} 秒"),
    "train.progress": (
        "Epoch {epoch} · step {step:,}/{total:,} · {rate:,.0f} samples/s · {device}{left}",
        "第 {epoch} 轮 · 第 {step:,}/{total:,} 步 · 每秒 {rate:,.0f} 个样本 · {device}{left}",
    ),
    "train.training": ("Training…", "训练中…"),
    "train.press_train": (
        "Press **Train** to start. The loss curves appear here as the model learns.",
        "点击**训练**开始。模型学习时，损失曲线会显示在这里。",
    ),
    # ---- downloads ----------------------------------------------------------------------
    "train.download_model": ("Download model (.safetensors)", "下载模型（.safetensors）"),
    "train.download_config": ("Settings (JSON)", "设置（JSON）"),
    "train.download_history": ("Loss history (CSV)", "损失历史（CSV）"),
    # ---- the job's status lines (written in the training thread) -------------------------
    "train.no_samples": ("there are no training samples", "没有训练样本"),
    "status.failed": ("Training failed: {error}", "训练失败：{error}"),
    "status.stopped": (
        "Stopped at step {step}. Resume to go on.",
        "已在第 {step} 步停止。点击“继续”可接着训练。",
    ),
    "status.finished": ("Finished {step} steps.", "已完成 {step} 步。"),
    "status.budget": (
        "Used the time budget of {seconds:g} s ({step} steps).",
        "已用完 {seconds:g} 秒的时间预算（{step} 步）。",
    ),
    "status.diverged": (
        "The loss became NaN or infinite at step {step}: training diverged. The last finite "
        "weights are restored. Lower the learning rate (or turn on gradient clipping) and "
        "resume.",
        "第 {step} 步时损失变成了 NaN 或无穷大：训练发散了。已恢复最后一组有限的权重。"
        "请降低学习率（或开启梯度裁剪），然后点击“继续”。",
    ),
    # ---- figures: loss curves, gradient norms, races -------------------------------------
    "fig.train.loss.title": ("Loss during training", "训练过程中的损失"),
    "fig.train.loss.x": ("training step", "训练步"),
    "fig.train.loss.y": ("loss", "损失"),
    "fig.train.loss.train": ("training loss", "训练损失"),
    "fig.train.loss.val": ("validation loss", "验证损失"),
    "fig.train.loss.mse": ("loss: mean squared error (MSE)", "损失：均方误差（MSE）"),
    "fig.train.loss.cross_entropy": ("loss: cross-entropy (nats)", "损失：交叉熵（奈特）"),
    "fig.train.loss.uniform": ("uniform guess", "均匀猜测"),
    "fig.train.loss.uniform_line": (
        "{label}: ln {vocab} = {level:.2f}",
        "{label}：ln {vocab} = {level:.2f}",
    ),
    "fig.train.grad.title": (
        "How much each time step's state affects the loss",
        "每个时间步的隐藏状态对损失的影响有多大",
    ),
    "fig.train.grad.x": ("time step", "时间步"),
    "fig.train.grad.y": ("‖∂L/∂h<sub>t</sub>‖ (log scale)", "‖∂L/∂h<sub>t</sub>‖（对数刻度）"),
    "fig.train.grad.layer": ("layer", "层"),
    "fig.train.grad.forward": ("forward", "正向"),
    "fig.train.grad.backward": ("backward", "反向"),
    "fig.train.grad.slider": ("snapshot: ", "快照："),
    "fig.train.race.title": ("Which setting learns fastest?", "哪种设置学得最快？"),
    "fig.train.race.x_title": ("step", "步"),
    "fig.train.race.y": ("loss", "损失"),
    "fig.train.race.baseline": ("baseline", "基线"),
    "fig.train.err_points": (
        "{name}: {xs} x values for {ys} losses",
        "{name}：{xs} 个 x 值对应 {ys} 个损失值，数量不符",
    ),
    # ---- a run: the model with the data it was trained on --------------------------------
    "run.other_data": (
        "This model was trained on {name} with other data or settings than the Data page "
        "holds now: it keeps showing its own data.",
        "这个模型是在 {name} 上训练的，所用的数据或设置与数据页当前的不同："
        "这里仍显示它自己的数据。",
    ),
    "run.train_new": ("Train a new model on the current data", "在当前数据上训练新模型"),
    "run.file_data": (
        "This file carries the data the model was trained on ({name}): Inside and Predict "
        "use them, whatever data are loaded now.",
        "这个文件带有模型训练时所用的数据（{name}）：无论现在加载的是什么数据，“内部”和“预测”页都使用这些数据。",
    ),
    "run.unnamed": ("a data set with no name", "一个未命名的数据集"),
    "run.bad_data": (
        "The data saved in the model file are damaged or do not match its settings "
        "(`{field}`). Save the model again from rnnviz.",
        "模型文件中保存的数据已损坏或与其设置不符（`{field}`）。请在 rnnviz 中重新保存模型。",
    ),
    "run.data_dtype": (
        "The model file's data tensors {names} hold {dtype} values, not the type rnnviz "
        "saves. Save the model again from rnnviz.",
        "模型文件中的数据张量 {names} 存放的是 {dtype} 类型的值，不是 rnnviz 保存的类型。"
        "请在 rnnviz 中重新保存模型。",
    ),
    "run.too_many_rows": (
        "The data saved in the model file hold more than {cap:,} rows, more than this server "
        "trains on.",
        "模型文件中保存的数据超过 {cap:,} 行，超出了本服务器可训练的数量。",
    ),
    "run.data_unfit": (
        "The data saved in the model file do not fit the model (other inputs or vocabulary). "
        "Save the model again from rnnviz.",
        "模型文件中保存的数据与模型不符（输入或词表不同）。请在 rnnviz 中重新保存模型。",
    ),
    "train.loss_log": ("Loss, printed like the tutorials", "损失：按教程的打印方式"),
    "train.loss_log_caption": (
        "As the tutorials' training loops print it: every 10th epoch and the last, the "
        "mean training loss of the epoch's steps (one step an epoch, as in the tutorials: "
        "that step's loss) and, when the data have a validation split, the loss on it.",
        "与教程训练循环的打印方式相同：每 10 个轮次及最后一个轮次各一行，给出该轮各步训练损失"
        "的平均值（与教程一样每轮只有一步时，就是这一步的损失），数据有验证集时还给出验证损失。",
    ),
    "fig.train.err_frames": (
        "{n} frame labels for {snapshots} snapshots",
        "{n} 个帧标签对应 {snapshots} 个快照，数量不符",
    ),
}
