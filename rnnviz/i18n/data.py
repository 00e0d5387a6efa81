"""Strings of the Home and Data pages, the samples and lessons, the parsers' messages and
the warnings about a link's values. {key: (English, 简体中文)}."""

STRINGS: dict[str, tuple[str, str]] = {
    # ------------------------------------------------------------ Home page
    "home.title": ("rnnviz — see inside a recurrent network", "rnnviz — 看清循环神经网络的内部"),
    "home.intro": (
        "Upload a time series or a text (or pick a sample), choose an **RNN**, **LSTM** or "
        "**GRU**, train it live on your CPU or GPU, and watch its **hidden states** and "
        "**gates** change step by step, and as it learns.",
        "上传一段时间序列或一段文本（或选择一个示例），选择 **RNN**、**LSTM** 或 **GRU**，"
        "在你的 CPU 或 GPU 上实时训练，并观察它的**隐藏状态**（hidden states）和**门**（gates）"
        "如何随时间步逐步变化，又如何随着学习而变化。"),
    "home.path_title": ("The path", "学习路线"),
    "home.path": (
        "1. **Data** — pick a sample or upload a CSV/TXT; choose the target, the window and the "
        "splits.\n"
        "2. **Model** — cell type, size, layers, direction; the equations, parameter counts and "
        "tensor shapes.\n"
        "3. **Train** — train live and watch the loss fall; stop, resume, reset.\n"
        "4. **Inside** — hidden states and gates animated over time steps and over training.\n"
        "5. **Predict** — forecasts against naive baselines, or generated text.",
        "1. **数据** — 选择一个示例或上传 CSV/TXT 文件；选择预测目标、窗口以及训练/验证/测试集的划分。\n"
        "2. **模型** — 单元类型、大小、层数、方向；公式、参数数量和张量形状。\n"
        "3. **训练** — 实时训练并观察损失（loss）下降；可以停止、继续、重置。\n"
        "4. **内部** — 隐藏状态和门随时间步、随训练过程变化的动画。\n"
        "5. **预测** — 与朴素基线对比的预测，或生成的文本。"),
    "home.quick_title": ("Start in one click", "一键开始"),
    "home.quick_text": ("A 32-unit LSTM that reads 30 days of Melbourne's minimum temperature "
                        "and predicts the next day.",
                        "一个有 32 个单元的 LSTM：读取墨尔本 30 天的最低气温，预测下一天。"),
    "home.quick_button": ("Temperature forecaster", "气温预测器"),
    "home.lessons_title": ("Lessons", "课程"),
    "home.lessons_text": (
        "Each lesson sets up the data, the model and the training in one click and opens the "
        "page where it happens. Read out what to watch, then press Train (or Start).",
        "每节课一键设置好数据、模型和训练，并打开进行这一切的页面。先读一读要观察什么，"
        "再按“训练”（或“开始”）。"),
    "home.open": ("Open on {page}", "在{page}页打开"),
    "home.page.train": ("Train", "训练"),
    "home.page.lab": ("Lab", "实验室"),
    "home.page.compare": ("Compare", "对比"),
    "home.page.other": ("its page", "对应"),
    # ------------------------------------------------------------ lessons (rnnviz/lessons.py)
    "lesson.tiny_rnn.title": ("Ten units, five days", "十个单元，五天数据"),
    "lesson.tiny_rnn.watch": (
        "A plain RNN with 10 units reads the last 5 days of Melbourne's minimum temperature "
        "and predicts the next day. Watch the loss drop within seconds, then open Inside: "
        "each of the 10 rows is one unit you can follow step by step.",
        "一个只有 10 个单元的普通 RNN 读取墨尔本最近 5 天的最低气温，预测下一天。"
        "观察损失在几秒内下降，然后打开“内部”页：10 行中的每一行都是一个单元，"
        "你可以逐个时间步地跟踪它。"),
    "lesson.char_gru.title": ("Shakespeare, one character at a time", "莎士比亚，一次一个字符"),
    "lesson.char_gru.watch": (
        "A GRU with 128 units reads 64 characters of Shakespeare and predicts the next one "
        "at every step. The loss starts near ln 62 ≈ 4.1 (a uniform guess over the 62 "
        "characters) and falls to about 2 within five epochs as it learns spelling: generate "
        "text on Predict after each run to see gibberish turn into word shapes and speaker "
        "names.",
        "一个有 128 个单元的 GRU 读取莎士比亚剧本中的 64 个字符，并在每个时间步预测下一个字符。"
        "损失从 ln 62 ≈ 4.1 附近开始（在 62 个字符上均匀猜测），随着它学会拼写，"
        "在五个轮次（epoch）内降到 2 左右：每次训练后到“预测”页生成文本，"
        "看乱码如何变成单词的样子和说话人的名字。"),
    "lesson.bitcoin.title": ("Three inputs, two days ahead", "三个输入，预测两天后"),
    "lesson.bitcoin.watch": (
        "A 2-layer RNN reads 10 days of Bitcoin's open, close and volume (an input of size "
        "3) and, at every step, predicts the close 2 days later. Watch the validation loss "
        "stay far above the training loss: later prices lie beyond anything seen in "
        "training, so compare the model with the last-value baseline on Predict.",
        "一个 2 层的 RNN 读取比特币 10 天的开盘价、收盘价和成交量（输入大小为 3），"
        "并在每个时间步预测 2 天后的收盘价。观察验证损失始终远高于训练损失："
        "后来的价格超出了训练中见过的一切范围，所以请到“预测”页把模型与“最后一个值”基线作比较。"),
    "lesson.keras.title": ("Check an RNN by hand", "手算验证一个 RNN"),
    "lesson.keras.watch": (
        "Work out the hidden states of a 3-unit SimpleRNN with 2 inputs by hand: "
        "h₁ = x₁K + b = [7, 3, 12] for the worked example, then h₂ and h₃. Watch how h₁ "
        "reaches h₂ only through the recurrent kernel: that product is all the memory a "
        "plain RNN has.",
        "手算一个有 3 个单元、2 个输入的 SimpleRNN 的隐藏状态：在示例中 "
        "h₁ = x₁K + b = [7, 3, 12]，然后是 h₂ 和 h₃。观察 h₁ 如何只通过循环核"
        "（recurrent kernel）影响 h₂：这个乘积就是普通 RNN 全部的记忆。"),
    "lesson.adding.title": ("The adding problem: RNN against LSTM", "加法问题：RNN 对比 LSTM"),
    "lesson.adding.watch": (
        "Two numbers in a long sequence are marked, and the network must output their sum "
        "at the end. Watch the plain RNN stall at the baseline (predicting the mean) as "
        "the sequence grows, while the LSTM's loss falls below it.",
        "一个长序列中有两个数被标记出来，网络必须在最后输出它们的和。"
        "观察随着序列变长，普通 RNN 停在基线（预测平均值）上，而 LSTM 的损失降到了基线以下。"),
    "lesson.bidirectional.title": ("Reading backwards sees the answer", "倒着读就看到了答案"),
    "lesson.bidirectional.watch": (
        "In many-to-many mode every step predicts the value one day later, which a "
        "bidirectional network has already read on its way back. Watch the \"bi\" curves "
        "fall far below the one-way ones: useful for labelling a finished sequence, but "
        "cheating for a forecast, where the future is not there to read.",
        "在多对多（many-to-many）模式下，每个时间步都预测一天后的值，"
        "而双向（bidirectional）网络在反向读取时已经读到了这个值。观察“bi”曲线远低于单向曲线："
        "这对给一段完整的序列做标注很有用，但对预测来说就是作弊，因为那时未来还无从读取。"),
    # ------------------------------------------------------------ samples (rnnviz/samples.py)
    "sample.temperature.title": ("Melbourne daily minimum temperature (1981-1990)",
                                 "墨尔本每日最低气温（1981-1990）"),
    "sample.temperature.description": (
        "3,650 days of the daily minimum temperature in Melbourne, in °C.",
        "墨尔本 3,650 天的每日最低气温，单位为 °C。"),
    "sample.airline.title": ("Airline passengers (1949-1960)", "航空旅客人数（1949-1960）"),
    "sample.airline.description": (
        "144 monthly totals of international airline passengers, in thousands.",
        "国际航空旅客人数的 144 个月度总数，单位为千人。"),
    "sample.sunspots.title": ("Monthly sunspots (1749-1983)", "月度太阳黑子数（1749-1983）"),
    "sample.sunspots.description": (
        "2,820 monthly sunspot numbers from Zurich: an 11-year cycle.",
        "来自苏黎世的 2,820 个月度太阳黑子数：周期约为 11 年。"),
    "sample.bitcoin.title": ("Bitcoin daily prices (2013-2023)", "比特币每日价格（2013-2023）"),
    "sample.bitcoin.description": (
        "Daily open, high, low, close (USD) and volume, an investing.com-style export.",
        "每日开盘价、最高价、最低价、收盘价（美元）和成交量，investing.com 风格的导出文件。"),
    "sample.shakespeare.title": ("Tiny Shakespeare (text)", "Tiny Shakespeare（文本）"),
    "sample.shakespeare.description": (
        "1.1 MB of Shakespeare's plays: the classic character-level corpus.",
        "1.1 MB 的莎士比亚剧本：经典的字符级语料库。"),
    # ------------------------------------------------------------ Data page
    "data.source": ("Source", "来源"),
    "data.source.sample": ("Sample", "示例"),
    "data.source.upload": ("Upload", "上传"),
    "data.upload_label": ("Upload a CSV table or a TXT text (UTF-8 or GBK)",
                          "上传 CSV 表格或 TXT 文本（UTF-8 或 GBK 编码）"),
    "data.upload_help": ("A time series with a date column and numeric columns, e.g. an "
                         "investing.com export; or any plain text for a character model.",
                         "带有日期列和数值列的时间序列，例如 investing.com 的导出文件；"
                         "或者任意纯文本，用于字符级模型。"),
    "data.use_sample": ("Use this sample", "使用此示例"),
    "data.begin": ("Pick a sample or upload a file to begin.", "选择一个示例或上传文件即可开始。"),
    "data.loaded": ("Loaded: **{name}**", "已加载：**{name}**"),
    "data.upload_failed": ("{error} The previous data set stays loaded.",
                           "{error}之前的数据集仍然保持加载。"),
    "data.kept_settings": ("{error} The previous settings stay in use.",
                           "{error}之前的设置继续生效。"),
    "data.preview": ("Preview: {rows:,} rows × {cols} columns", "预览：{rows:,} 行 × {cols} 列"),
    "data.date_col": ("Date column", "日期列"),
    "data.row_number": ("(row number)", "（行号）"),
    "data.target": ("Target (what to predict)", "目标（要预测的列）"),
    "data.features": ("Input features", "输入特征"),
    "data.features_help": ("Columns the network reads at every step.",
                           "网络在每个时间步读取的列。"),
    "data.left_out": ("Left out (not numeric): {columns}", "未使用（非数值）：{columns}"),
    "data.missing": ("{holes} missing value(s) in the chosen columns: fix by",
                     "所选列中有 {holes} 个缺失值，处理方式："),
    "data.missing.interpolate": ("interpolate", "插值"),
    "data.missing.drop": ("drop", "删除所在行"),
    "data.rows_cap": ("This table has {rows:,} rows; training uses at most {cap:,}.",
                      "此表有 {rows:,} 行；训练最多使用 {cap:,} 行。"),
    "data.rows_which": ("Which rows", "使用哪些行"),
    "data.rows.newest": ("Use the newest rows", "使用最新的行"),
    "data.rows.every": ("Keep every k-th row", "每 k 行保留一行"),
    "data.rows_newest_n": ("Newest rows to use", "使用最新的多少行"),
    "data.rows_every_n": ("Keep one row in every", "每隔多少行保留一行"),
    "data.rows_too_many": ("Keeping one row in {k} leaves {left:,} rows: use at least {least}.",
                           "每 {k} 行保留一行后仍剩 {left:,} 行：请至少设为 {least}。"),
    "data.window": ("Window length (steps read)", "窗口长度（读取的时间步数）"),
    "data.horizon": ("Horizon (steps ahead)", "预测步长（向前预测的步数）"),
    "data.scaling": ("Scaling", "缩放"),
    "data.scaling_help": ("Fitted on the training part only, inverted for display.",
                          "只在训练集上拟合，显示时再还原为原始单位。"),
    "data.scaling.minmax": ("minmax", "minmax（缩放到 0–1）"),
    "data.scaling.standard": ("standard", "standard（标准化）"),
    "data.scaling.none": ("none", "none（不缩放）"),
    "data.m2m": ("Many-to-many", "多对多"),
    "data.m2m_help": ("Predict every step: the target is the whole window shifted by the "
                      "horizon, instead of one value.",
                      "每个时间步都做预测：目标是整个窗口按预测步长平移后的序列，而不是单个值。"),
    "data.val_share": ("Validation share", "验证集比例"),
    "data.test_share": ("Test share", "测试集比例"),
    "data.pairs": ("**{train:,}** training, **{val:,}** validation and **{test:,}** test pairs; "
                   "each reads **{window}** steps of {features} feature(s).",
                   "共有 **{train:,}** 个训练样本对、**{val:,}** 个验证样本对和 **{test:,}** "
                   "个测试样本对；每个读取 **{window}** 个时间步，每步 {features} 个特征。"),
    "data.slides": ("How a window slides over the series", "窗口如何在序列上滑动"),
    "data.seq_len": ("Sequence length (characters read per sample)",
                     "序列长度（每个样本读取的字符数）"),
    "data.chars_used": ("Characters used", "使用的字符数"),
    "data.chars_help": ("of {total:,} in the file", "文件共有 {total:,} 个字符"),
    "data.vocab": ("Vocabulary", "词表"),
    "data.vocab_size": ("{n:,} characters", "{n:,} 个字符"),
    "data.train_seqs": ("Training sequences", "训练序列"),
    "data.vocab_list": ("**Vocabulary:** {chars}", "**词表：** {chars}"),
    "data.text_pairs": ("Training pairs: read a sequence, predict the next character at every "
                        "step", "训练样本对：读取一个序列，在每个时间步预测下一个字符"),
    "data.col_input": ("input", "输入"),
    "data.col_target": ("target (shifted by one)", "目标（后移一位）"),
    # ------------------------------------------------------------ reading files (rnnviz/data.py)
    "parse.export_hint": ("Export the table from Excel or your tool as CSV (UTF-8) and upload "
                          "that.", "请在 Excel 或你用的工具里把表格导出为 CSV（UTF-8）后上传。"),
    "parse.what.file": ("file", "文件"),
    "parse.what.text": ("text", "文本"),
    "parse.open_failed": ("Could not open the file '{path}' ({reason}).",
                          "无法打开文件“{path}”（{reason}）。"),
    "parse.cannot_read": ("Cannot read data from a {kind}; upload a CSV file.",
                          "无法从 {kind} 读取数据；请上传 CSV 文件。"),
    "parse.utf16_damaged": ("The {what} claims to be UTF-16 but is damaged. {hint}",
                            "该{what}声明为 UTF-16 编码，但已损坏。{hint}"),
    "parse.empty": ("The {what} is empty. {hint}", "该{what}是空的。{hint}"),
    "parse.binary": ("The {what} does not look like text (it may be an image, a zip, an Excel "
                     ".xlsx file or UTF-16 text). {hint}",
                     "该{what}看起来不是文本（可能是图片、zip 压缩包、Excel .xlsx 文件或 "
                     "UTF-16 文本）。{hint}"),
    "parse.undecodable": ("Could not decode the {what} as {encodings}. Save it as UTF-8 text "
                          "and upload it again.",
                          "无法以 {encodings} 解码该{what}。请将它另存为 UTF-8 文本后重新上传。"),
    "parse.or": (" or ", " 或 "),
    "parse.empty_text_hint": ("Upload a plain-text file (UTF-8) with some text in it.",
                              "请上传一个有内容的纯文本文件（UTF-8）。"),
    "parse.empty_table_hint": ("Upload a CSV with a header row and at least 2 rows of numbers.",
                               "请上传一个有表头行、并且至少有 2 行数字的 CSV 文件。"),
    "parse.too_wide": ("The table has rows of {fields:,} columns; at most {max:,} are supported. "
                       "Keep only the columns you want to model and upload again.",
                       "表格中有的行多达 {fields:,} 列；最多支持 {max:,} 列。"
                       "请只保留要建模的列，然后重新上传。"),
    "parse.no_table": ("The file has no table in it. {hint}", "文件中没有表格。{hint}"),
    "parse.unreadable": ("Could not read the table ({error}). Columns seemed to be separated by "
                         "{delimiter}; check that every row has as many fields as the header. "
                         "{hint}",
                         "无法读取表格（{error}）。各列似乎以 {delimiter} 分隔；"
                         "请检查每一行的字段数是否与表头相同。{hint}"),
    "parse.tab": ("tab", "制表符"),
    "parse.no_rows": ("The file has a header row but no data rows. Upload a CSV with at least 2 "
                      "rows of numbers under the header.",
                      "文件有表头行，但没有数据行。请上传表头下方至少有 2 行数字的 CSV 文件。"),
    "parse.one_row": ("The table has only {rows} data row; a time series needs at least 2. "
                      "Upload a longer table.",
                      "表格只有 {rows} 行数据；时间序列至少需要 2 行。请上传更长的表格。"),
    "parse.no_numbers": ("No column of numbers was found (columns: {columns}). Upload a table "
                         "with at least one numeric column, e.g. prices or temperatures.",
                         "没有找到数值列（现有的列：{columns}）。请上传至少有一列数值的表格，"
                         "例如价格或气温。"),
    # ------------------------------------------------------------ preparing data (prep, text)
    "prep.missing_columns": ("Column(s) {columns} are not in the table. Pick columns that exist.",
                             "表中没有列 {columns}。请选择存在的列。"),
    "prep.target_empty": ("The target column '{target}' has no numbers. Pick a numeric column.",
                          "目标列“{target}”中没有数字。请选择一个数值列。"),
    "prep.columns_empty": ("Column(s) {columns} hold no numbers. Leave them out of the inputs.",
                           "列 {columns} 中没有数字。请不要把它们用作输入。"),
    "prep.constant": ("The target column '{name}' never changes in the training part (always "
                      "{value:g}): there is nothing to learn. Pick another column.",
                      "目标列“{name}”在训练集中从不变化（始终为 {value:g}）：没有什么可学的。"
                      "请选择另一列。"),
    "prep.too_short": ("The series has {rows} rows: too short for a window of {window} and a "
                       "horizon of {horizon} with these splits (no {splits} samples). Use a "
                       "shorter window, a smaller horizon or a longer series.",
                       "该序列只有 {rows} 行：在当前的划分下，对长度为 {window} 的窗口和 "
                       "{horizon} 的预测步长来说太短了（没有{splits}样本）。"
                       "请使用更短的窗口、更小的预测步长或更长的序列。"),
    "prep.split.train": ("train", "训练"),
    "prep.split.val": ("val", "验证"),
    "prep.split.test": ("test", "测试"),
    "prep.sep": (", ", "、"),
    "tz.to_utc": ("The dates in column '{column}' carry time zones (such as Z or +01:00); "
                  "they are shown in UTC, without the zone.",
                  "列 '{column}' 中的日期带有时区（如 Z 或 +01:00）；它们已换算为 UTC 显示，"
                  "不再带时区。"),
    "scale.too_large": ("Column(s) {columns} hold values too large to scale (up to {largest:.3g}): "
                        "the scaled numbers would overflow, so the model could not train on them. "
                        "Rescale the column in your file (for example divide it by {divisor}), fix "
                        "the rows that hold such values, or leave the column out.",
                        "列 {columns} 中的数值太大，无法缩放（最大 {largest:.3g}）：缩放后的数会溢出，"
                        "模型无法用它们训练。请在文件中先缩小这一列（例如除以 {divisor}），修正含有"
                        "这种数值的行，或不使用这一列。"),
    "prep.no_numeric": ("The table has no numeric column to predict.",
                        "表格中没有可供预测的数值列。"),
    "text.few_chars": ("The text uses fewer than 2 different characters: there is nothing to "
                       "predict. Upload a longer, varied text.",
                       "文本中不同的字符少于 2 个：没有什么可预测的。请上传更长、更多样的文本。"),
    "text.too_short": ("The text has {chars} characters: too short for sequences of {seq_len}. "
                       "Use a shorter sequence length or a longer text.",
                       "文本只有 {chars} 个字符：对长度为 {seq_len} 的序列来说太短了。"
                       "请使用更短的序列长度或更长的文本。"),
    # ------------------------------------------------------------ column roles, dates, run length (rnnviz/roles.py, dates.py, plan.py)
    "roles.role.date": ("date", "日期"),
    "roles.role.index": ("row counter", "行号"),
    "roles.role.year": ("year", "年份"),
    "roles.role.date_part": ("part of the date", "日期的一部分"),
    "roles.role.constant": ("constant", "常数"),
    "roles.role.categorical": ("text (categories)", "文本（类别）"),
    "roles.role.measure": ("measurement", "测量值"),
    "roles.reads": ("The model reads: {inputs} and predicts: {target}.",
                    "模型读取：{inputs}，预测：{target}。"),
    "roles.plan.estimate": ("≈ {steps} steps, ≈ {seconds} seconds on this machine",
                            "≈ {steps} 步，在本机上约 {seconds} 秒"),
    "roles.note.relative_years": (
        "Column '{column}': labels such as '{label}' were read as year {year}, month {month} "
        "(years counted from the start of the data, shown from {shown} on). If they mean "
        "something else, write full dates (YYYY-MM-DD) in your file.",
        "列 '{column}'：像 '{label}' 这样的标签被读作第 {year} 年第 {month} 月（年份从数据开头算起，"
        "从 {shown} 开始显示）。如果它们另有含义，请在文件中写成完整日期（YYYY-MM-DD）。"),
    "roles.note.two_digit_years": (
        "Column '{column}': labels such as '{label}' were read as year and month ({shown}). "
        "If they mean something else, write full dates (YYYY-MM-DD) in your file.",
        "列 '{column}'：像 '{label}' 这样的标签被读作年和月（{shown}）。"
        "如果它们另有含义，请在文件中写成完整日期（YYYY-MM-DD）。"),
    "roles.note.day_month": (
        "Column '{column}': dates such as '{label}' fit both day/month and month/day; they were "
        "read as day/month, which gives evenly spaced rows. If that is wrong, write the dates "
        "as YYYY-MM-DD in your file.",
        "列 '{column}'：像 '{label}' 这样的日期既可读作日/月，也可读作月/日；按日/月读取时各行间隔均匀，"
        "因此按日/月读取。如果不对，请在文件中把日期写成 YYYY-MM-DD。"),
    "roles.note.month_day": (
        "Column '{column}': dates such as '{label}' fit both day/month and month/day; they were "
        "read as month/day, which gives evenly spaced rows. If that is wrong, write the dates "
        "as YYYY-MM-DD in your file.",
        "列 '{column}'：像 '{label}' 这样的日期既可读作日/月，也可读作月/日；按月/日读取时各行间隔均匀，"
        "因此按月/日读取。如果不对，请在文件中把日期写成 YYYY-MM-DD。"),
    "roles.note.years": (
        "Column '{column}' holds years: it is the time axis (1 January of each year), not a "
        "value to predict.",
        "列 '{column}' 是年份：它被用作时间轴（每年的 1 月 1 日），而不是要预测的数值。"),
    "roles.warn.target_index": (
        "The target '{column}' looks like a row counter (1, 2, 3, …): a model would learn to "
        "count, not anything about your data. Pick a measured column as the target.",
        "预测目标 '{column}' 看起来是行号（1、2、3……）：模型只会学会数数，学不到数据中的任何规律。"
        "请选择一个测量值列作为预测目标。"),
    "roles.warn.target_year": (
        "The target '{column}' looks like a calendar year: a model would predict the calendar. "
        "Use it as the time axis and pick a measured column as the target.",
        "预测目标 '{column}' 看起来是日历年份：模型只会预测日历。请把它用作时间轴，"
        "并选择一个测量值列作为预测目标。"),
    "roles.warn.target_date_part": (
        "The target '{column}' is part of the date (a month, day or hour number): it repeats "
        "with the calendar. Pick a measured column as the target.",
        "预测目标 '{column}' 是日期的一部分（月、日或小时的编号）：它只随日历重复。"
        "请选择一个测量值列作为预测目标。"),
    "roles.warn.target_constant": (
        "The target '{column}' never changes: there is nothing to predict. Pick another column.",
        "预测目标 '{column}' 从不变化：没有什么可预测的。请选择另一列。"),
    "roles.warn.target_not_input": (
        "The target '{column}' is not among the input features: the model never sees its past "
        "values and usually draws a flat line. Add it to the inputs.",
        "预测目标 '{column}' 不在输入特征中：模型看不到它过去的值，通常只会画出一条平线。"
        "请把它加入输入。"),
    "roles.warn.input_counter": (
        "Input(s) {columns} count rows or years: they only grow, so the test part holds values "
        "the model never saw. Leave them out unless you mean it.",
        "输入 {columns} 是行号或年份：它们只会增长，测试部分的数值是模型从未见过的。"
        "除非确有需要，请不要使用它们。"),
    "roles.warn.few_pairs": (
        "Only {pairs} training pairs with a window of {window} (fewer than about {minimum}: "
        "the model mostly memorises them). A window of {suggest} gives {pairs_then}.",
        "窗口为 {window} 时只有 {pairs} 个训练样本对（少于约 {minimum} 个：模型多半只是把它们记住）。"
        "窗口为 {suggest} 时有 {pairs_then} 个。"),
    "roles.warn.few_rows": (
        "Only {pairs} training pairs: the table is small (fewer than about {minimum} pairs; "
        "{rows} training rows). Expect a rough model, and compare it with the baselines.",
        "只有 {pairs} 个训练样本对：表格很小（少于约 {minimum} 个样本对；训练部分 {rows} 行）。"
        "模型会比较粗糙，请与基线比较。"),
    "roles.warn.wide": (
        "{features} input features but only {rows} training rows: more features than rows. "
        "Use fewer features.",
        "{features} 个输入特征，但训练部分只有 {rows} 行：特征比行还多。请减少特征。"),
    # ------------------------------------------------------------ roles on the pages (rnnviz/ui: data, train, predict, inside)
    "roles.loss.minmax": (
        "Loss: mean squared error (MSE) on min-max-scaled values (the training rows' range "
        "mapped to 0–1), not in the target's own units.",
        "损失：在 min-max 缩放后的数值（训练部分的范围映射到 0–1）上计算的均方误差（MSE），"
        "不是目标列原始单位下的误差。"),
    "roles.loss.standard": (
        "Loss: mean squared error (MSE) on standardised values (mean 0, standard deviation 1 "
        "over the training rows), not in the target's own units.",
        "损失：在标准化后的数值（训练部分均值为 0、标准差为 1）上计算的均方误差（MSE），"
        "不是目标列原始单位下的误差。"),
    "roles.loss.none": (
        "Loss: mean squared error (MSE) on the values as they are: in the target's own units, "
        "squared.",
        "损失：直接在原始数值上计算的均方误差（MSE）：单位是目标列原始单位的平方。"),
    "roles.loss.text": (
        "Loss: cross-entropy of the next character, in nats (ln of the vocabulary size is what "
        "a uniform guess scores).",
        "损失：预测下一个字符的交叉熵，单位为奈特（nats）（均匀猜测的得分是词表大小的自然对数）。"),
    "roles.loses": (
        "The model loses to **{baseline}** on the test set (RMSE {model} against {best}): it "
        "has not learned more than that baseline yet. A small data set often needs more "
        "training steps.",
        "在测试集上，模型输给了 **{baseline}**（RMSE {model}，对比 {best}）：它学到的还不比这个基线多。"
        "小数据集往往需要更多训练步数。"),
    "roles.train_longer": ("Train longer ({epochs} epochs in all)", "继续训练（共 {epochs} 轮）"),
    "roles.train_longer_help": (
        "Resume this model's training up to {epochs} epochs, then come back to compare again.",
        "在当前模型的基础上继续训练到共 {epochs} 轮，然后回到这里再比较。"),
    "roles.at_most": (
        "The model has trained for the most epochs allowed ({epochs}): try a smaller window, "
        "another learning rate or a smaller model on the Train and Model pages.",
        "模型已训练到允许的最多轮次（{epochs}）：可以在训练和模型页面尝试更小的窗口、"
        "其他学习率或更小的模型。"),
    "roles.inside_units": (
        "The input row shows {columns} in original units; the model reads them scaled "
        "({scaling}).",
        "输入行以原始单位显示 {columns}；模型读取的是缩放后的数值（{scaling}）。"),
    "roles.calc_original": ("; in original units [{shown}]", "；原始单位为 [{shown}]"),
    # ------------------------------------------------------------ a link's values (rnnviz/share.py)
    "link.not_int": ("not a whole number", "不是整数"),
    "link.not_number": ("not a number", "不是数字"),
    "link.outside": ("outside {lo}..{hi}", "超出 {lo}..{hi} 的范围"),
    "link.not_one_of": ("not one of {options}", "不是 {options} 之一"),
    "link.not_bool": ("not 0 or 1", "不是 0 或 1"),
    "link.empty_column": ("empty column name", "列名为空"),
    "link.no_columns": ("no column names", "没有列名"),
    "link.too_long": ("too long", "太长"),
    "link.bad_value": ("{key}='{value}' ({error}; kept {kept})",
                       "{key}='{value}'（{error}；保留 {kept}）"),
    "link.no_column": ("t='{value}' (no such column; kept {kept})",
                       "t='{value}'（没有这一列；保留 {kept}）"),
    "link.unknown_columns": ("f: no column(s) {columns} (left out)", "f：没有列 {columns}（已略去）"),
    "link.unknown_sample": ("s='{value}' (not a bundled sample: {samples}; no data loaded)",
                            "s='{value}'（不是内置示例：{samples}；未加载数据）"),
    "link.huge_int": ("not a whole number in {lo}..{hi}", "不是 {lo}..{hi} 范围内的整数"),
    # ------------------------------------------------------------ user names in messages (rnnviz/safe.py)
    "safe.separator": (", ", "、"),
    "safe.more": (" and {n} more", " 等，另有 {n} 个"),
}
