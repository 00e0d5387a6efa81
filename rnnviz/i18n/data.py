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
        "在你的 CPU 或 GPU 上实时训练，并观察它的**隐藏状态**和**门**"
        "如何随时间步逐步变化，又如何随着学习而变化。",
    ),
    "home.path_title": ("The path", "学习路线"),
    "home.path": (
        "1. **Data** — pick a sample or upload a CSV/TXT; choose the target, the window and the "
        "splits.\n"
        "2. **Model** — cell type, size, layers, direction; the equations, parameter counts and "
        "tensor shapes.\n"
        "3. **Train** — train live and watch the loss fall; stop, resume, reset.\n"
        "4. **Inside** — hidden states and gates animated over time steps and over training.\n"
        "5. **Predict** — forecasts against naive baselines, or generated text.",
        "1. **数据** — 选择一个示例或上传 CSV/TXT 文件；选择预测目标、"
        "窗口以及训练/验证/测试集的划分。\n"
        "2. **模型** — 单元类型、大小、层数、方向；公式、参数数量和张量形状。\n"
        "3. **训练** — 实时训练并观察损失下降；可以停止、继续、重置。\n"
        "4. **内部** — 隐藏状态和门随时间步、随训练过程变化的动画。\n"
        "5. **预测** — 与朴素基线对比的预测，或生成的文本。",
    ),
    "home.quick_title": ("Start in one click", "一键开始"),
    "home.quick_text": (
        "A 32-unit LSTM that reads 30 days of Melbourne's minimum temperature "
        "and predicts the next day.",
        "一个有 32 个单元的 LSTM：读取墨尔本 30 天的最低气温，预测下一天。",
    ),
    "home.quick_button": ("Temperature forecaster", "气温预测器"),
    "home.lessons_title": ("Lessons", "课程"),
    "home.lessons_text": (
        "Each lesson sets up the data, the model and the training in one click and opens the "
        "page where it happens. Read out what to watch, then press Train (or Start).",
        "每节课一键设置好数据、模型和训练，并打开进行这一切的页面。先读一读要观察什么，"
        "再按“训练”（或“开始”）。",
    ),
    "home.open": ("Open on {page}", "在{page}页打开"),
    "home.page.train": ("Train", "训练"),
    "home.page.lab": ("Lab", "实验室"),
    "home.page.compare": ("Compare", "对比"),
    "home.page.other": ("its page", "对应"),
    # --------------------------------------------------------- lessons (rnnviz/session/lessons.py)
    "lesson.banner": ("Lesson: {title}", "课程：{title}"),
    "lesson.expect_label": ("What you should see:", "你应该看到："),
    "lesson.watch_label": ("What to watch", "观察什么"),
    "lesson.close": ("Close", "关闭"),
    "lesson.close_help": (
        "Close this lesson's banner (its settings stay as they are)",
        "关闭本课程的横幅（课程的设置保持不变）",
    ),
    "lesson.five_days.title": ("Five days to tomorrow, scaled or not", "五天预测明天：缩放与否"),
    "lesson.five_days.watch": (
        "The tutorial's three typed rows (30-34 → 35, 32-36 → 37, 35-39 → 40) train a "
        "10-unit RNN with Adam at lr 0.01 for 100 epochs, unscaled as the tutorial does, so "
        "raw temperatures of 30-40 hit tanh and every unit saturates at ±1. Train, ask "
        "Predict for 36,37,38,39,40, then set Scaling to min-max on Data and train again.",
        "用教程里手动输入的三行数据（30-34 → 35、32-36 → 37、35-39 → 40），以 Adam、学习率 0.01 "
        "训练一个 10 单元的 RNN 100 个轮次，并像教程一样不做缩放，于是 30-40 "
        "的原始气温直接进入 tanh，"
        "每个单元都饱和在 ±1。训练后在“预测”页输入 36,37,38,39,40，再到“数据”页把缩放改为最小-最大 "
        "后重新训练。",
    ),
    "lesson.five_days.expect": (
        "unscaled, a loss in the hundreds (about 700) and about 11 °C for 36,37,38,39,40; "
        "with min-max scaling, about 41 °C.",
        "不缩放时损失在几百（约 700），36,37,38,39,40 的预测约为 11 °C；使用最小-最大"
        "缩放后约为 41 °C。",
    ),
    "lesson.shapes.title": (
        "Sequence-first shapes of nn.RNN(5, 6, 2)",
        "nn.RNN(5, 6, 2) 的序列优先形状",
    ),
    "lesson.shapes.watch": (
        "The Model page's shapes explorer is set to the tutorial's nn.RNN(5, 6, 2) with the "
        "input torch.randn(1, 3, 5): sequence length 1, batch 3, 5 features, sequence-first "
        "as PyTorch's default batch_first=False (tutorials 000 and 003 pass "
        "batch_first=True), and a seeded random h0. Flip batch_first and watch which shapes "
        "move: the input and output do, h0 and h_n never do.",
        "“模型”页的形状探索已设为教程中的 nn.RNN(5, 6, 2)，输入为 torch.randn(1, 3, 5)："
        "序列长度 1、批大小 3、5 个特征，采用 PyTorch 默认的序列优先（batch_first=False；"
        "教程 000 和 003 传入了 batch_first=True），并使用带种子的随机 h0。"
        "切换 batch_first，观察哪些形状会变：输入和输出会变，h0 和 h_n 永远不变。",
    ),
    "lesson.shapes.expect": (
        "input (1, 3, 5), output (1, 3, 6), h0 and h_n (2, 3, 6); copy the snippet into "
        "PyTorch and it prints the same shapes and the same h_n values as the table. "
        "Parameters: nn.RNN(5, 6, 2) 162 < nn.GRU 486 < nn.LSTM 648.",
        "输入 (1, 3, 5)，输出 (1, 3, 6)，h0 和 h_n 为 (2, 3, 6)；把代码片段复制到 PyTorch "
        "中运行会打印出同样的形状，以及与表格相同的 h_n 数值。"
        "参数量：nn.RNN(5, 6, 2) 162 < nn.GRU 486 < nn.LSTM 648。",
    ),
    "lesson.char_gru.title": ("Shakespeare, one character at a time", "莎士比亚，一次一个字符"),
    "lesson.char_gru.watch": (
        "A GRU with 128 units reads 64 characters of Shakespeare and predicts the next one "
        "at every step. The loss starts near ln 62 ≈ 4.1 (a uniform guess over the 62 "
        "characters) and falls to about 2 within five epochs as it learns spelling: generate "
        "text on Predict after each run to see gibberish turn into word shapes and speaker "
        "names.",
        "一个有 128 个单元的 GRU 读取莎士比亚剧本中的 64 个字符，并在每个时间步预测下一个字符。"
        "损失从 ln 62 ≈ 4.1 附近开始（在 62 个字符上均匀猜测），随着它学会拼写，"
        "在五个轮次内降到 2 左右：每次训练后到“预测”页生成文本，"
        "看乱码如何变成单词的样子和说话人的名字。",
    ),
    "lesson.char_gru.expect": (
        "a loss that starts near 4.1 (ln of the vocabulary, the dashed line) and ends near 2 "
        "after five epochs.",
        "损失从约 4.1（词表大小的自然对数，即虚线）开始，五个轮次后降到 2 左右。",
    ),
    "lesson.bitcoin.title": ("Three inputs, two days ahead", "三个输入，预测两天后"),
    "lesson.bitcoin.watch": (
        "The tutorial's model and training: open, close and volume in, the same three "
        "columns 2 days later out at every one of 10 steps, nn.RNN(3, 3, 2) whose hidden "
        "state is the output (no Linear head), Adam at lr 1e-12 and batch 10; not the "
        "tutorial's are the data (3,793 daily rows of 2013-2023, not its 93 days), the "
        "scaling (min-max over the training part, where the tutorial has none), the splits "
        "(15% validation and 15% test held back, where it holds none back) and the epochs "
        '(10, not its 100), all four as the tutorial has them in the lesson "The '
        "tutorial's own 93 days\". At lr 1e-12 each step moves a weight by about 1e-12, so "
        "the loss curve stays flat: nothing learns.",
        "与教程相同的是模型和训练方式：输入开盘价、收盘价和成交量，在 10 个时间步的每一步输出 2 "
        "天后的这三列，使用 nn.RNN(3, 3, 2)，其隐藏状态就是输出（没有线性输出层），"
        "Adam 学习率 1e-12，批大小 10；与教程不同的是数据（2013-2023 年的 3,793 行日数据，"
        "而不是教程的 93 天）、缩放（在训练部分上做最小-最大缩放，教程不缩放）、划分（留出 15% "
        "验证和 15% 测试，教程不留出任何数据）和轮数（10 轮，教程是 100 轮），"
        "这四项在“教程自己的 93 天”一课中都与教程相同。学习率为 1e-12 时，每一步只把权重移动约 "
        "1e-12，所以损失曲线是平的：什么也没学到。",
    ),
    "lesson.bitcoin.expect": (
        "48 parameters on Model (no head rows), a flat loss curve on Train, and on Predict "
        "that the learning rate is too small for the weights to move; set the learning rate "
        "to 0.01 and train again to see the loss fall.",
        "“模型”页显示 48 个参数（没有输出层的行），“训练”页的损失曲线是平的，“预测”页说明学习率"
        "太小、权重动不了；把学习率改为 0.01 再训练，就能看到损失下降。",
    ),
    "lesson.stock_gru.title": ("A stock's close into a GRU", "把收盘价交给 GRU"),
    "lesson.stock_gru.watch": (
        "Tutorial 002's stock case on the Bitcoin sample: the close alone, min-max scaled "
        "over the training part, 30 days at a time into a 32-unit GRU with a Linear head, "
        "trained with Keras' defaults (Adam at lr 0.001, batch 32) for 20 epochs. Train, "
        "then on Predict compare the GRU with the naive last value: a network of the scaled "
        "level has never seen the prices of the test part, so it cannot reach them.",
        "教程 002 的股价例子，用比特币示例数据：只用收盘价，在训练部分上做最小-最大缩放，"
        "每次 30 天输入一个 32 单元的 GRU 加线性输出层，用 Keras 的默认设置（Adam、"
        "学习率 0.001、批大小 32）训练 20 轮。训练后在“预测”页把 GRU 与朴素的“上一个值”比较："
        "预测缩放后数值本身的网络从未见过测试部分的价格，所以够不到它们。",
    ),
    "lesson.stock_gru.expect": (
        "on Predict, the last value's test RMSE of 1,057 beats the GRU's (thousands), and "
        "83% of the test closes lie outside the training part's range; press \"Predict the "
        'change instead" and train again to see what predicting the change does.',
        "“预测”页上，“上一个值”的测试 RMSE 为 1,057，胜过 GRU（几千），测试部分 83% "
        "的收盘价落在训练部分的范围之外；按“改为预测变化”后重新训练，看看预测变化会怎样。",
    ),
    "lesson.tutorial": ("Tutorial {number}", "教程 {number}"),
    "lesson.banner_tutorial": (
        "Lesson: {title} (tutorial {number})",
        "课程：{title}（教程 {number}）",
    ),
    "lesson.keras.title": ("Check an RNN by hand", "手算验证一个 RNN"),
    "lesson.keras.watch": (
        "Work out the hidden states of a 3-unit SimpleRNN with 2 inputs by hand: "
        "h₁ = x₁K + b = [7, 3, 12] for the worked example, then h₂ and h₃. Watch how h₁ "
        "reaches h₂ only through the recurrent kernel: that product is all the memory a "
        "plain RNN has.",
        "手算一个有 3 个单元、2 个输入的 SimpleRNN 的隐藏状态：在示例中 "
        "h₁ = x₁K + b = [7, 3, 12]，然后是 h₂ 和 h₃。观察 h₁ 如何只通过循环核"
        "（Keras 的 `recurrent_kernel`）影响 h₂：这个乘积就是普通 RNN 全部的记忆。",
    ),
    "lesson.keras.expect": (
        "h₁ = [7, 3, 12], h₂ = [13, 27, 16], h₃ = [48, 45, 54], and with Dense(1) 18 + 4 = 22 "
        "parameters.",
        "h₁ = [7, 3, 12]，h₂ = [13, 27, 16]，h₃ = [48, 45, 54]；加上 Dense(1) 共 18 + 4 = "
        "22 个参数。",
    ),
    "lesson.keras_train.title": (
        "Keras SimpleRNN(4) + Dense(1), trained",
        "训练 Keras SimpleRNN(4) + Dense(1)",
    ),
    "lesson.keras_train.watch": (
        "The tutorial's three typed sequences of shape (3, 2) ([[1,2],[2,3],[3,4]] → 10, "
        "then 20 and 30) train a 4-unit RNN plus a one-output head with Adam at lr 0.01 for "
        "2,000 epochs. Compare the parameter count with Keras' summary (Keras has one bias "
        "per unit, PyTorch two), then read the three predictions on Predict.",
        "用教程里的三个形状为 (3, 2) 的输入序列（[[1,2],[2,3],[3,4]] → 10，然后是 20 和 30），"
        "以 Adam、学习率 0.01 训练一个 4 单元的 RNN 加一个单输出的输出层 2,000 个轮次。"
        "把参数个数与 Keras 的 `model.summary()` 比较（Keras 每个单元一个偏置，PyTorch 两个），"
        "然后在“预测”页读出三个预测值。",
    ),
    "lesson.keras_train.expect": (
        "Keras 28 + 5 = 33 parameters (its model.summary(): SimpleRNN (None, 4) 28, Dense "
        "(None, 1) 5, on Model; PyTorch 32 + 5 = 37), and predictions of about 10.0, 20.0 "
        "and 29.9. When training ends, compare the last loss on Train with the tutorial's "
        "loss: 0.0070 after 2,000 epochs (other random starting weights end at another "
        "small number).",
        "Keras 为 28 + 5 = 33 个参数（“模型”页上有它的 model.summary()：SimpleRNN (None, 4) "
        "28，Dense (None, 1) 5；PyTorch 为 32 + 5 = 37），预测值约为 10.0、20.0 和 29.9。"
        "训练结束时，把“训练”页上最后的损失与教程打印的 `loss: 0.0070`（2,000 个轮次之后）比较"
        "（随机初始权重不同，最后会停在另一个很小的数）。",
    ),
    "lesson.adding.title": ("The adding problem: RNN against LSTM", "加法问题：RNN 对比 LSTM"),
    "lesson.adding.watch": (
        "Two numbers in a long sequence are marked, and the network must output their sum "
        "at the end. Watch the plain RNN stall at the baseline (predicting the mean) as "
        "the sequence grows, while the LSTM's loss falls below it.",
        "一个长序列中有两个数被标记出来，网络必须在最后输出它们的和。"
        "观察随着序列变长，普通 RNN 停在基线（预测平均值）上，而 LSTM 的损失降到了基线以下。",
    ),
    "lesson.adding.expect": (
        "the RNN's loss stuck near the baseline line, the LSTM's well below it.",
        "RNN 的损失停在基线附近，LSTM 的损失远低于基线。",
    ),
    "lesson.bidirectional.title": ("Reading backwards sees the answer", "倒着读就看到了答案"),
    "lesson.bidirectional.watch": (
        "In many-to-many mode every step predicts the value one day later, which a "
        'bidirectional network has already read on its way back. Watch the "bi" curves '
        "fall far below the one-way ones: useful for labelling a finished sequence, but "
        "cheating for a forecast, where the future is not there to read.",
        "在多对多模式下，每个时间步都预测一天后的值，"
        "而双向网络在反向读取时已经读到了这个值。观察“bi”曲线远低于单向曲线："
        "这对给一段完整的序列做标注很有用，但对预测来说就是作弊，因为那时未来还无从读取。",
    ),
    "lesson.bidirectional.expect": (
        'the "bi" rows of the race table with far lower validation losses than the one-way rows.',
        "比赛表中“bi”行的验证损失远低于单向的行。",
    ),
    "lesson.bitcoin_93.title": ("The tutorial's own 93 days", "教程自己的 93 天"),
    "lesson.bitcoin_93.watch": (
        "The tutorial's data and preparation: 93 days of an investing.com export (2 March to "
        "2 June 2020), open, price and volume in and the same three 2 days later out, read "
        "unscaled, with every day trained on and none held back, for 100 epochs of "
        "nn.RNN(3, 3, 2) with no head. Watch the loss: prices in the thousands and volumes in "
        "the millions cannot be reached by a hidden state that tanh keeps within ±1, which is "
        "why the other tutorials scale their data first.",
        "教程的数据和预处理：investing.com 导出文件中的 93 天（2020 年 3 月 2 日到 6 月 2 日），"
        "输入开盘价、价格和成交量，输出 2 天后的这三列，不缩放，每一天都用于训练、不留出任何数据，"
        "用没有输出层的 nn.RNN(3, 3, 2) 训练 100 轮。观察损失：价格以千计、成交量以百万计，"
        "而 tanh 让隐藏状态保持在 ±1 之内，永远够不到它们，所以其他教程都先缩放数据。",
    ),
    "lesson.bitcoin_93.expect": (
        "82 training windows and none for validation or test on Data, and a note on Predict "
        "that there is no test part; upload your own investing.com export with the same "
        "columns and open the lesson again to train it the same way.",
        "“数据”页显示 82 个训练窗口、没有验证和测试窗口，“预测”页说明没有测试部分；"
        "上传你自己的、列名相同的 investing.com 导出文件，再打开本课程，就能用同样的方式训练它。",
    ),
    "lesson.bitcoin_93.upload": (
        "Your upload has the tutorial's columns ({columns}): the lesson's settings are applied "
        "to it instead of the bundled 93 days.",
        "你上传的文件有教程用到的列（{columns}）：本课程的设置用在它上面，而不是内置的 93 天数据。",
    ),
    # ------------------------------------------------------------ tutorial 003's own cell
    "tutorial003.bad_shape": (
        "x must be (time steps, batch, {features}) for U {u}, got {got}",
        "x 的形状应为 [时间步, 批大小, {features}] 以配合 U {u}，实际是 {got}",
    ),
    "tutorial003.batch_first_note": (
        'Tutorial 003 says `batch_first` "defaults to True": it does not. PyTorch\'s default is '
        "`batch_first=False` (input [time steps, batch, features]); its code passes "
        "`batch_first=True` to read [batch, time steps, features]. The same goes for its "
        "`nonlinearity='sigmoid'`: nn.RNN accepts only `'tanh'` or `'relu'`.",
        "教程 003 说 `batch_first`“默认为 True”：并非如此。PyTorch 的默认值是 "
        "`batch_first=False`（输入为 [时间步, 批大小, 特征]）；它的代码传入 `batch_first=True`，"
        "才按 [批大小, 时间步, 特征] 读取。它的 `nonlinearity='sigmoid'` 也是同样的错误："
        "nn.RNN 只接受 `'tanh'` 或 `'relu'`。",
    ),
    "tutorial003.scratch_caption": (
        "The tutorial's cell from scratch: h_t = tanh(U x_t + W h_(t-1)) and y_t = sigmoid(V h_t), "
        "with U {u}, W {w} and V {v}: an input {x} [time steps, batch, features] gives an "
        "output {y}, each output between 0 and 1.",
        "教程从零写出的单元：h_t = tanh(U x_t + W h_(t-1))，y_t = sigmoid(V h_t)，"
        "其中 U 为 {u}、W 为 {w}、V 为 {v}：输入 {x} [时间步, 批大小, 特征] 得到输出 {y}，"
        "每个输出都在 0 和 1 之间。",
    ),
    "home.page.model": ("Model", "模型"),
    # ------------------------------------------------------------ samples (rnnviz/data/samples.py)
    "sample.temperature.title": (
        "Melbourne daily minimum temperature (1981-1990)",
        "墨尔本每日最低气温（1981-1990）",
    ),
    "sample.temperature.description": (
        "3,650 days of the daily minimum temperature in Melbourne, in °C.",
        "墨尔本 3,650 天的每日最低气温，单位为 °C。",
    ),
    "sample.airline.title": ("Airline passengers (1949-1960)", "航空旅客人数（1949-1960）"),
    "sample.airline.description": (
        "144 monthly totals of international airline passengers, in thousands.",
        "国际航空旅客人数的 144 个月度总数，单位为千人。",
    ),
    "sample.sunspots.title": ("Monthly sunspots (1749-1983)", "月度太阳黑子数（1749-1983）"),
    "sample.sunspots.description": (
        "2,820 monthly sunspot numbers from Zurich: an 11-year cycle.",
        "来自苏黎世的 2,820 个月度太阳黑子数：周期约为 11 年。",
    ),
    "sample.bitcoin.title": ("Bitcoin daily prices (2013-2023)", "比特币每日价格（2013-2023）"),
    "sample.bitcoin.description": (
        "Daily open, high, low, close (USD) and volume, an investing.com-style export.",
        "每日开盘价、最高价、最低价、收盘价（美元）和成交量，investing.com 风格的导出文件。",
    ),
    "sample.shakespeare.title": (
        "Tiny Shakespeare (text)",
        "莎士比亚剧本（Tiny Shakespeare，文本）",
    ),
    "sample.shakespeare.description": (
        "1.1 MB of Shakespeare's plays: the classic character-level corpus.",
        "1.1 MB 的莎士比亚剧本：经典的字符级语料库。",
    ),
    "sample.bitcoin_93.title": (
        "Bitcoin, the tutorial's 93 days (2020)",
        "比特币：教程的 93 天（2020）",
    ),
    "sample.bitcoin_93.description": (
        "An investing.com export, newest day first: quoted prices with thousands separators, "
        'volumes such as "1.06M" and changes such as "-6.49%".',
        "investing.com 的导出文件，最新的一天在最前：带引号和千位分隔符的价格，"
        "像“1.06M”这样的成交量，像“-6.49%”这样的涨跌幅。",
    ),
    # ------------------------------------------------------------ Data page
    "data.source": ("Source", "来源"),
    "data.source.sample": ("Sample", "示例"),
    "data.source.upload": ("Upload", "上传"),
    "data.upload_label": (
        "Upload a CSV table or a text file (UTF-8 or GBK)",
        "上传 CSV 表格或文本文件（UTF-8 或 GBK 编码）",
    ),
    "data.upload_help": (
        "A time series with a date column and numeric columns, e.g. an "
        "investing.com export; or any plain text (.txt, .md, source code "
        "such as .py or .js) for a character model. Which one a file is, "
        "its content decides.",
        "带有日期列和数值列的时间序列，例如 investing.com 的导出文件；"
        "或者任意纯文本（.txt、.md、.py 或 .js 等源代码），用于字符级模型。"
        "文件属于哪一种，由其内容决定。",
    ),
    "data.use_sample": ("Use this sample", "使用此示例"),
    "data.begin": ("Pick a sample or upload a file to begin.", "选择一个示例或上传文件即可开始。"),
    "data.loaded": ("Loaded: **{name}**", "已加载：**{name}**"),
    "data.upload_failed": (
        "{error} The previous data set stays loaded.",
        "{error}之前的数据集仍然保持加载。",
    ),
    "data.kept_settings": (
        "{error} The previous settings stay in use.",
        "{error}之前的设置继续生效。",
    ),
    "data.preview": ("Preview: {rows:,} rows × {cols} columns", "预览：{rows:,} 行 × {cols} 列"),
    "data.date_col": ("Date column", "日期列"),
    "data.row_number": ("(row number)", "（行号）"),
    "data.target": ("Target (what to predict)", "目标（要预测的列）"),
    "data.features": ("Input features", "输入特征"),
    "data.features_help": (
        "Columns the network reads at every step.",
        "网络在每个时间步读取的列。",
    ),
    "stacked.column": ("Series key", "序列键"),
    "stacked.no_rows": (
        "No rows where {column} is {value}: pick one of {values}.",
        "没有 {column} 为 {value} 的行：请从 {values} 中选择。",
    ),
    "stacked.which": ("Which series ({column})", "哪个序列（{column}）"),
    "stacked.which_help": (
        "This table stacks {count:,} series told apart by {column}. A model reads one series "
        "in time order: pick the one to train on.",
        "此表叠放了 {count:,} 个序列，以 {column} 区分。模型按时间顺序读取一个序列：请选择要训练的"
        "那一个。",
    ),
    "stacked.series_label": ("{value} ({rows:,} rows)", "{value}（{rows:,} 行）"),
    "stacked.all": ("All rows together (not one series)", "全部行放在一起（不是单个序列）"),
    "stacked.found": (
        "{count:,} series stacked in this table, told apart by {column}: training on one "
        "of them, {value} ({rows:,} rows).",
        "此表叠放了 {count:,} 个序列，以 {column} 区分：在其中一个上训练，即 "
        "{value}（{rows:,} 行）。",
    ),
    "codes.keep": ("Keep these codes as values", "把这些代码保留为数值"),
    "codes.keep_help": (
        "Off: the codes are read as missing and filled like any missing value. On: the "
        "model trains on them as numbers (the charts then show spikes to the code).",
        "关闭：这些代码按缺失值读取，像其他缺失值一样填补。打开：模型把它们当作数值训练（图表会"
        "出现跳到该代码的尖峰）。",
    ),
    "data.missing": (
        "{holes} missing value(s) in the chosen columns: fix by",
        "所选列中有 {holes} 个缺失值，处理方式：",
    ),
    "data.missing.interpolate": ("interpolate", "插值"),
    "data.missing.drop": ("drop", "删除所在行"),
    "data.rows_cap": (
        "This table has {rows:,} rows; training uses at most {cap:,}.",
        "此表有 {rows:,} 行；训练最多使用 {cap:,} 行。",
    ),
    "data.rows_which": ("Which rows", "使用哪些行"),
    "data.rows.newest": ("Use the newest rows", "使用最新的行"),
    "data.rows.every": ("Keep every k-th row", "每 k 行保留一行"),
    "data.rows_newest_n": ("Newest rows to use", "使用最新的多少行"),
    "data.rows_every_n": ("Keep one row in every", "每隔多少行保留一行"),
    "data.rows_too_many": (
        "Keeping one row in {k} leaves {left:,} rows: use at least {least}.",
        "每 {k} 行保留一行后仍剩 {left:,} 行：请至少设为 {least}。",
    ),
    "data.window": ("Window length (steps read)", "窗口长度（读取的时间步数）"),
    "data.horizon": ("Horizon (steps ahead)", "预测步长（向前预测的步数）"),
    "data.scaling": ("Scaling", "缩放"),
    "data.scaling_help": (
        "Fitted on the training part only, inverted for display.",
        "只在训练集上拟合，显示时再还原为原始单位。",
    ),
    "data.scaling.minmax": ("minmax", "最小-最大（缩放到 0–1）"),
    "data.scaling.standard": ("standard", "标准化（均值 0、标准差 1）"),
    "data.scaling.robust": ("robust", "稳健（中位数 0、四分位距 1）"),
    "data.scaling.none": ("none", "不缩放"),
    "data.m2m": ("Many-to-many", "多对多"),
    "data.m2m_help": (
        "Predict every step: the target is the whole window shifted by the "
        "horizon, instead of one value.",
        "每个时间步都做预测：目标是整个窗口按预测步长平移后的序列，而不是单个值。",
    ),
    "data.val_share": ("Validation share", "验证集比例"),
    "data.test_share": ("Test share", "测试集比例"),
    "data.pairs": (
        "**{train:,}** training, **{val:,}** validation and **{test:,}** test pairs; "
        "each reads **{window}** steps of {features} feature(s).",
        "共有 **{train:,}** 个训练样本对、**{val:,}** 个验证样本对和 **{test:,}** "
        "个测试样本对；每个读取 **{window}** 个时间步，每步 {features} 个特征。",
    ),
    "data.slides": ("How a window slides over the series", "窗口如何在序列上滑动"),
    "data.seq_len": (
        "Sequence length (characters read per sample)",
        "序列长度（每个样本读取的字符数）",
    ),
    "data.lowercase": ("Lower-case the text", "把文本转为小写"),
    "data.lowercase_help": (
        "Read every letter as lower case, as the GRU tutorial does: fewer characters to learn.",
        "像 GRU 教程那样把每个字母都读作小写：要学的字符更少。",
    ),
    "data.drop_newlines": ("Remove line breaks", "去掉换行符"),
    "data.drop_newlines_help": (
        "Join the lines into one, as the GRU tutorial does: the model never sees a line end.",
        "像 GRU 教程那样把各行连成一行：模型不会看到一行的结尾。",
    ),
    "data.chars_used": ("Characters used", "使用的字符数"),
    "data.chars_help": ("of {total:,} in the file", "文件共有 {total:,} 个字符"),
    "data.vocab": ("Vocabulary", "词表"),
    "data.vocab_size": ("{n:,} characters", "{n:,} 个字符"),
    "data.train_seqs": ("Training sequences", "训练序列"),
    "data.vocab_list": ("**Vocabulary:** {chars}", "**词表：** {chars}"),
    "data.text_pairs": (
        "Training pairs: read a sequence, predict the next character at every step",
        "训练样本对：读取一个序列，在每个时间步预测下一个字符",
    ),
    "data.col_input": ("input", "输入"),
    "data.col_target": ("target (shifted by one)", "目标（后移一位）"),
    # ------------------------------------------------------- reading files (rnnviz/data/reader.py)
    "parse.export_hint": (
        "Export the table from Excel or your tool as CSV (UTF-8) and upload that.",
        "请在 Excel 或你用的工具里把表格导出为 CSV（UTF-8）后上传。",
    ),
    "parse.what.file": ("file", "文件"),
    "parse.what.text": ("text", "文本"),
    "parse.open_failed": (
        "Could not open the file '{path}' ({reason}).",
        "无法打开文件“{path}”（{reason}）。",
    ),
    "parse.cannot_read": (
        "Cannot read data from a {kind}; upload a CSV file.",
        "无法从 {kind} 读取数据；请上传 CSV 文件。",
    ),
    "parse.utf16_damaged": (
        "The {what} claims to be UTF-16 but is damaged. {hint}",
        "该{what}声明为 UTF-16 编码，但已损坏。{hint}",
    ),
    "parse.empty": ("The {what} is empty. {hint}", "该{what}是空的。{hint}"),
    "parse.binary": (
        "The {what} does not look like text (it may be an image, a zip, an Excel "
        ".xlsx file or UTF-16 text). {hint}",
        "该{what}看起来不是文本（可能是图片、zip 压缩包、Excel .xlsx 文件或 UTF-16 文本）。{hint}",
    ),
    "parse.undecodable": (
        "Could not decode the {what} as {encodings}. Save it as UTF-8 text and upload it again.",
        "无法以 {encodings} 解码该{what}。请将它另存为 UTF-8 文本后重新上传。",
    ),
    "parse.or": (" or ", " 或 "),
    "parse.empty_text_hint": (
        "Upload a plain-text file (UTF-8) with some text in it.",
        "请上传一个有内容的纯文本文件（UTF-8）。",
    ),
    "parse.empty_table_hint": (
        "Upload a CSV with a header row and at least 2 rows of numbers.",
        "请上传一个有表头行、并且至少有 2 行数字的 CSV 文件。",
    ),
    "parse.too_wide": (
        "The table has rows of {fields:,} columns; at most {max:,} are supported. "
        "Keep only the columns you want to model and upload again.",
        "表格中有的行多达 {fields:,} 列；最多支持 {max:,} 列。请只保留要建模的列，然后重新上传。",
    ),
    "parse.no_table": ("The file has no table in it. {hint}", "文件中没有表格。{hint}"),
    "parse.unreadable": (
        "Could not read the table ({error}). Columns seemed to be separated by "
        "{delimiter}; check that every row has as many fields as the header. "
        "{hint}",
        "无法读取表格（{error}）。各列似乎以 {delimiter} 分隔；"
        "请检查每一行的字段数是否与表头相同。{hint}",
    ),
    "parse.tab": ("tab", "制表符"),
    "parse.no_rows": (
        "The file has a header row but no data rows. Upload a CSV with at least 2 "
        "rows of numbers under the header.",
        "文件有表头行，但没有数据行。请上传表头下方至少有 2 行数字的 CSV 文件。",
    ),
    "parse.one_row": (
        "The table has only {rows} data row; a time series needs at least 2. "
        "Upload a longer table.",
        "表格只有 {rows} 行数据；时间序列至少需要 2 行。请上传更长的表格。",
    ),
    "parse.no_numbers": (
        "No column of numbers was found (columns: {columns}). Upload a table "
        "with at least one numeric column, e.g. prices or temperatures.",
        "没有找到数值列（现有的列：{columns}）。请上传至少有一列数值的表格，例如价格或气温。",
    ),
    # ------------------------------------------------------------ preparing data (prep, text)
    "prep.missing_columns": (
        "Column(s) {columns} are not in the table. Pick columns that exist.",
        "表中没有列 {columns}。请选择存在的列。",
    ),
    "prep.target_empty": (
        "The target column '{target}' has no numbers. Pick a numeric column.",
        "目标列“{target}”中没有数字。请选择一个数值列。",
    ),
    "prep.columns_empty": (
        "Column(s) {columns} hold no numbers. Leave them out of the inputs.",
        "列 {columns} 中没有数字。请不要把它们用作输入。",
    ),
    "prep.constant": (
        "The target column '{name}' never changes in the training part (always "
        "{value:g}): there is nothing to learn. Pick another column.",
        "目标列“{name}”在训练集中从不变化（始终为 {value:g}）：没有什么可学的。请选择另一列。",
    ),
    "prep.too_short": (
        "The series has {rows} rows: too short for a window of {window} and a "
        "horizon of {horizon} with these splits (no {splits} samples). Use a "
        "shorter window, a smaller horizon or a longer series.",
        "该序列只有 {rows} 行：在当前的划分下，对长度为 {window} 的窗口和 "
        "{horizon} 的预测步长来说太短了（没有{splits}样本）。"
        "请使用更短的窗口、更小的预测步长或更长的序列。",
    ),
    "prep.split.train": ("train", "训练"),
    "prep.split.val": ("val", "验证"),
    "prep.split.test": ("test", "测试"),
    "prep.sep": (", ", "、"),
    "tz.to_utc": (
        "The dates in column '{column}' carry time zones (such as Z or +01:00); "
        "they are shown in UTC, without the zone.",
        "列 '{column}' 中的日期带有时区（如 Z 或 +01:00）；它们已换算为 UTC 显示，不再带时区。",
    ),
    "scale.too_large": (
        "Column(s) {columns} hold values too large to scale (up to {largest:.3g}): "
        "the scaled numbers would overflow, so the model could not train on them. "
        "Rescale the column in your file (for example divide it by {divisor}), fix "
        "the rows that hold such values, or leave the column out.",
        "列 {columns} 中的数值太大，无法缩放（最大 {largest:.3g}）："
        "缩放后的数会溢出，"
        "模型无法用它们训练。请在文件中先缩小这一列（例如除以 {divisor}），修正含有"
        "这种数值的行，或不使用这一列。",
    ),
    "prep.no_numeric": (
        "The table has no numeric column to predict.",
        "表格中没有可供预测的数值列。",
    ),
    "text.few_chars": (
        "The text uses fewer than 2 different characters: there is nothing to "
        "predict. Upload a longer, varied text.",
        "文本中不同的字符少于 2 个：没有什么可预测的。请上传更长、更多样的文本。",
    ),
    "text.too_short": (
        "The text has {chars} characters: too short for sequences of {seq_len}. "
        "Use a shorter sequence length or a longer text.",
        "文本只有 {chars} 个字符：对长度为 {seq_len} 的序列来说太短了。"
        "请使用更短的序列长度或更长的文本。",
    ),
    # ------------------------------------------------------------ column roles, dates, run length
    # (rnnviz/data/roles.py, dates.py, plan.py)
    "roles.role.date": ("date", "日期"),
    "roles.role.index": ("row counter", "行号"),
    "roles.role.year": ("year", "年份"),
    "roles.role.date_part": ("part of the date", "日期的一部分"),
    "roles.role.constant": ("constant", "常数"),
    "roles.role.categorical": ("text (categories)", "文本（类别）"),
    "roles.role.measure": ("measurement", "测量值"),
    "roles.role.series": ("which series", "哪个序列"),
    "roles.role.series_id": ("an ID of each series", "各序列的编号"),
    "roles.reads": (
        "The model reads: {inputs} and predicts: {target}.",
        "模型读取：{inputs}，预测：{target}。",
    ),
    "roles.plan.estimate": (
        "≈ {steps} steps, ≈ {seconds} seconds on this machine",
        "≈ {steps} 步，在本机上约 {seconds} 秒",
    ),
    "roles.note.relative_years": (
        "Column '{column}': labels such as '{label}' were read as year {year}, month {month} "
        "(years counted from the start of the data, shown from {shown} on). If they mean "
        "something else, write full dates (YYYY-MM-DD) in your file.",
        "列 '{column}'：像 '{label}' 这样的标签被读作第 {year} 年第 {month} "
        "月（年份从数据开头算起，"
        "从 {shown} 开始显示）。如果它们另有含义，请在文件中写成完整日期（YYYY-MM-DD）。",
    ),
    "roles.note.two_digit_years": (
        "Column '{column}': labels such as '{label}' were read as year and month ({shown}). "
        "If they mean something else, write full dates (YYYY-MM-DD) in your file.",
        "列 '{column}'：像 '{label}' 这样的标签被读作年和月（{shown}）。"
        "如果它们另有含义，请在文件中写成完整日期（YYYY-MM-DD）。",
    ),
    "roles.note.day_month": (
        "Column '{column}': dates such as '{label}' fit both day/month and month/day; they were "
        "read as day/month, which gives evenly spaced rows. If that is wrong, write the dates "
        "as YYYY-MM-DD in your file.",
        "列 '{column}'：像 '{label}' 这样的日期既可读作日/月，也可读作月/日；"
        "按日/月读取时各行间隔均匀，"
        "因此按日/月读取。如果不对，请在文件中把日期写成 YYYY-MM-DD。",
    ),
    "roles.note.month_day": (
        "Column '{column}': dates such as '{label}' fit both day/month and month/day; they were "
        "read as month/day, which gives evenly spaced rows. If that is wrong, write the dates "
        "as YYYY-MM-DD in your file.",
        "列 '{column}'：像 '{label}' 这样的日期既可读作日/月，也可读作月/日；"
        "按月/日读取时各行间隔均匀，"
        "因此按月/日读取。如果不对，请在文件中把日期写成 YYYY-MM-DD。",
    ),
    "roles.note.years": (
        "Column '{column}' holds years: it is the time axis (1 January of each year), not a "
        "value to predict.",
        "列 '{column}' 是年份：它被用作时间轴（每年的 1 月 1 日），而不是要预测的数值。",
    ),
    "roles.warn.target_index": (
        "The target '{column}' looks like a row counter (1, 2, 3, …): a model would learn to "
        "count, not anything about your data. Pick a measured column as the target.",
        "预测目标 '{column}' 看起来是行号（1、2、3……）：模型只会学会数数，学不到数据中的任何规律。"
        "请选择一个测量值列作为预测目标。",
    ),
    "roles.warn.target_year": (
        "The target '{column}' looks like a calendar year: a model would predict the calendar. "
        "Use it as the time axis and pick a measured column as the target.",
        "预测目标 '{column}' 看起来是日历年份：模型只会预测日历。请把它用作时间轴，"
        "并选择一个测量值列作为预测目标。",
    ),
    "roles.warn.target_date_part": (
        "The target '{column}' is part of the date (a month, day or hour number): it repeats "
        "with the calendar. Pick a measured column as the target.",
        "预测目标 '{column}' 是日期的一部分（月、日或小时的编号）：它只随日历重复。"
        "请选择一个测量值列作为预测目标。",
    ),
    "roles.warn.target_series": (
        "The target '{column}' tells the series of this table apart (a station or ticker): "
        "its values are labels, not measurements. Pick a measurement as the target.",
        "预测目标 '{column}' 用来区分表中的各个序列（如站点或代码）：它的值是标签，不是测量值。"
        "请选择一个测量值作为预测目标。",
    ),
    "roles.warn.target_series_id": (
        "The target '{column}' has one value in each series of this table (an ID, a "
        "station's latitude): it does not change over time. Pick a measurement as the target.",
        "预测目标 '{column}' 在表中每个序列内只有一个值（编号、站点纬度等）：它不随时间变化。"
        "请选择一个测量值作为预测目标。",
    ),
    "roles.warn.repeated_dates": (
        "{count:,} dates on the time axis appear more than once ({first} appears {times:,} "
        "times): the rows are not one series in time order. If the table stacks several "
        "series, pick one under “Which series”; otherwise choose another time axis, or the "
        "row number.",
        "时间轴上有 {count:,} 个日期出现不止一次（{first} 出现了 {times:,} 次）：这些行不是按时间"
        "排列的单个序列。若表中叠放了多个序列，请在“哪个序列”中选一个；否则请换一个时间轴，"
        "或用行号。",
    ),
    "roles.warn.target_constant": (
        "The target '{column}' never changes: there is nothing to predict. Pick another column.",
        "预测目标 '{column}' 从不变化：没有什么可预测的。请选择另一列。",
    ),
    "roles.warn.target_not_input": (
        "The target '{column}' is not among the input features: the model never sees its past "
        "values and usually draws a flat line. Add it to the inputs.",
        "预测目标 '{column}' 不在输入特征中：模型看不到它过去的值，通常只会画出一条平线。"
        "请把它加入输入。",
    ),
    "roles.warn.input_counter": (
        "Input(s) {columns} count rows or years: they only grow, so the test part holds values "
        "the model never saw. Leave them out unless you mean it.",
        "输入 {columns} 是行号或年份：它们只会增长，测试部分的数值是模型从未见过的。"
        "除非确有需要，请不要使用它们。",
    ),
    "roles.warn.few_pairs": (
        "Only {pairs} training pairs with a window of {window} (fewer than about {minimum}: "
        "the model mostly memorises them). A window of {suggest} gives {pairs_then}.",
        "窗口为 {window} 时只有 {pairs} 个训练样本对（少于约 {minimum} 个："
        "模型多半只是把它们记住）。"
        "窗口为 {suggest} 时有 {pairs_then} 个。",
    ),
    "roles.warn.few_rows": (
        "Only {pairs} training pairs: the table is small (fewer than about {minimum} pairs; "
        "{rows} training rows). Expect a rough model, and compare it with the baselines.",
        "只有 {pairs} 个训练样本对：表格很小（少于约 {minimum} 个样本对；训练部分 {rows} 行）。"
        "模型会比较粗糙，请与基线比较。",
    ),
    "roles.warn.wide": (
        "{features} input features but only {rows} training rows: more features than rows. "
        "Use fewer features.",
        "{features} 个输入特征，但训练部分只有 {rows} 行：特征比行还多。请减少特征。",
    ),
    # ------------------------------------------------------------ roles on the pages
    # (rnnviz/ui: data, train, predict, inside)
    "roles.loss.minmax": (
        "Loss: mean squared error (MSE) on min-max-scaled values (the training rows' range "
        "mapped to 0–1), not in the target's own units.",
        "损失：在最小-最大缩放后的数值（训练部分的范围映射到 0–1）上计算的均方误差（MSE），"
        "不是目标列原始单位下的误差。",
    ),
    "roles.loss.standard": (
        "Loss: mean squared error (MSE) on standardised values (mean 0, standard deviation 1 "
        "over the training rows), not in the target's own units.",
        "损失：在标准化后的数值（训练部分均值为 0、标准差为 1）上计算的均方误差（MSE），"
        "不是目标列原始单位下的误差。",
    ),
    "roles.loss.none": (
        "Loss: mean squared error (MSE) on the values as they are: in the target's own units, "
        "squared.",
        "损失：直接在原始数值上计算的均方误差（MSE）：单位是目标列原始单位的平方。",
    ),
    "roles.loss.text": (
        "Loss: cross-entropy of the next character, in nats (ln of the vocabulary size is what "
        "a uniform guess scores).",
        "损失：预测下一个字符的交叉熵，单位为奈特（均匀猜测的得分是词表大小的自然对数）。",
    ),
    "roles.loses": (
        "The model loses to **{baseline}** on the test set (RMSE {model} against {best}): it "
        "has not learned more than that baseline yet. A small data set often needs more "
        "training steps.",
        "在测试集上，模型输给了 **{baseline}**（RMSE {model}，对比 {best}）："
        "它学到的还不比这个基线多。"
        "小数据集往往需要更多训练步数。",
    ),
    "roles.train_longer": ("Train longer ({epochs} epochs in all)", "继续训练（共 {epochs} 轮）"),
    "roles.train_longer_help": (
        "Resume this model's training up to {epochs} epochs, then come back to compare again.",
        "在当前模型的基础上继续训练到共 {epochs} 轮，然后回到这里再比较。",
    ),
    "roles.at_most": (
        "The model has trained for the most epochs allowed ({epochs}): try a smaller window, "
        "another learning rate or a smaller model on the Train and Model pages.",
        "模型已训练到允许的最多轮次（{epochs}）：可以在训练和模型页面尝试更小的窗口、"
        "其他学习率或更小的模型。",
    ),
    "roles.inside_units": (
        "The input row shows {columns} in original units; the model reads them scaled ({scaling}).",
        "输入行以原始单位显示 {columns}；模型读取的是缩放后的数值，缩放方式为{scaling}。",
    ),
    "roles.inside_units_none": (
        "The input row shows {columns} in original units, the very numbers the model reads: "
        "there is no scaling.",
        "输入行以原始单位显示 {columns}，也就是模型读取的数值本身：没有缩放。",
    ),
    "roles.calc_original": ("; in original units [{shown}]", "；原始单位为 [{shown}]"),
    # --------------------------------------------------- a link's values (rnnviz/session/links.py)
    "link.not_int": ("not a whole number", "不是整数"),
    "link.not_number": ("not a number", "不是数字"),
    "link.outside": ("outside {lo}..{hi}", "超出 {lo}..{hi} 的范围"),
    "link.not_one_of": ("not one of {options}", "不是 {options} 之一"),
    "link.not_bool": ("not 0 or 1", "不是 0 或 1"),
    "link.empty_column": ("empty column name", "列名为空"),
    "link.no_columns": ("no column names", "没有列名"),
    "link.too_long": ("too long", "太长"),
    "link.bad_value": (
        "{key}='{value}' ({error}; kept {kept})",
        "{key}='{value}'（{error}；保留 {kept}）",
    ),
    "link.no_column": (
        "t='{value}' (no such column; kept {kept})",
        "t='{value}'（没有这一列；保留 {kept}）",
    ),
    "link.unknown_columns": (
        "f: no column(s) {columns} (left out)",
        "f：没有列 {columns}（已略去）",
    ),
    "link.unknown_sample": (
        "s='{value}' (not a bundled sample: {samples}; no data loaded)",
        "s='{value}'（不是内置示例：{samples}；未加载数据）",
    ),
    "link.huge_int": ("not a whole number in {lo}..{hi}", "不是 {lo}..{hi} 范围内的整数"),
    # ------------------------------------------------------------ user names in messages
    # (rnnviz/safe_text.py)
    "safe.separator": (", ", "、"),
    "safe.more": (" and {n} more", " 等，另有 {n} 个"),
    # ---- several predicted columns -----------------------------------------------------
    "targets.label": ("Also predict", "同时预测"),
    "targets.help": (
        "More columns to predict beside the target, all at once: the model gets one output "
        "per predicted column.",
        "除目标列之外同时预测的其他列：每个要预测的列对应模型的一个输出。",
    ),
    "targets.not_numeric": (
        "Cannot predict {columns}: only numeric columns other than the date column can be "
        "predicted. Remove them from “Also predict”.",
        "无法预测 {columns}：只有日期列以外的数值列才能被预测。请把它们从“同时预测”中移除。",
    ),
    "targets.link_unknown": (
        "tt: cannot also predict {columns} (not a numeric column other than the target; left out)",
        "tt：无法同时预测 {columns}（不是目标列以外的数值列；已略去）",
    ),
    "targets.output": ("Output shown", "显示的输出"),
    "targets.output_help": (
        "The model predicts several columns: the charts and the table show this one, in its "
        "own units.",
        "模型同时预测多个列：图表和表格显示所选的这一列，单位为该列自己的单位。",
    ),
    # ------------------------------------------------------------ typed data (rnnviz/data/typed.py)
    "data.source.typed": ("Type", "手动输入"),
    "typed.name": ("Typed table", "手动输入的表格"),
    "typed.series_name": ("Typed series", "手动输入的序列"),
    "typed.sample.temperatures": ("Toy temperatures", "玩具温度"),
    "typed.sample.keras": ("Keras sequences", "Keras 序列"),
    "typed.mode": ("What to type", "输入什么"),
    "typed.mode.rows": ("Rows: sequence → target", "多行：序列 → 目标"),
    "typed.mode.series": ("One series", "一条序列"),
    "typed.samples": ("Fill in a sample:", "填入一个示例："),
    "typed.col.sequence": ("sequence", "序列"),
    "typed.col.target": ("target", "目标"),
    "typed.col.value": ("value", "数值"),
    "typed.rule": (
        "One row is one training pair. **Without `;`** every number is one time step with one "
        "feature: `30,31,32,33,34` → `35`. **With `;`** the `;` separates the steps and commas "
        "or spaces separate the features inside a step: `1 2; 2 3; 3 4` is 3 steps of 2 "
        "features. Every row needs the same number of steps and features; the target is one "
        "number. At most {rows:,} rows, {steps} steps, {features} features.",
        "一行就是一个训练样本。**不含 `;`** 时，每个数字是一个时间步、一个特征："
        "`30,31,32,33,34` → `35`。**含 `;`** 时，`;` 分隔时间步，步内用逗号或空格分隔特征："
        "`1 2; 2 3; 3 4` 是 3 个时间步、每步 2 个特征。每行的时间步数和特征数必须相同；"
        "目标是一个数字。最多 {rows:,} 行、{steps} 个时间步、{features} 个特征。",
    ),
    "typed.series_rule": (
        "One number per row, in time order: it becomes a one-column table, windowed like an "
        "uploaded CSV. At most {rows:,} rows.",
        "每行一个数字，按时间顺序：它会变成只有一列的表格，像上传的 CSV 一样切成窗口。最多 "
        "{rows:,} 行。",
    ),
    "typed.rows_title": ("The typed rows", "输入的各行"),
    "typed.shape": (
        "{rows} rows · each {steps} steps × {features} features → 1 target",
        "{rows} 行 · 每行 {steps} 个时间步 × {features} 个特征 → 1 个目标",
    ),
    "typed.note_no_holdout": (
        "Too few rows to hold any back: every typed row trains, the validation loss is measured "
        "on the same rows, and there is no test set.",
        "行数太少，无法留出任何数据：所有输入的行都用于训练，验证损失也在这些行上计算，没有测试集。",
    ),
    "typed.inside.no_stream": (
        "Typed rows are separate samples, not one long series: there is no stream to search "
        "for this unit's pattern. The probe sequences above are the typed rows.",
        "输入的各行是彼此独立的样本，而不是一条长序列：没有可以搜索这个单元模式的连续数据。"
        "上面的探针序列就是输入的各行。",
    ),
    "typed.err.row": ("Row {row}: ", "第 {row} 行："),
    "typed.err.steps": (
        "{where}{steps:,} time steps; at most {most} are allowed. Shorten the sequence.",
        "{where}{steps:,} 个时间步；最多允许 {most} 个。请缩短序列。",
    ),
    "typed.err.features": (
        "{where}a step has more than {most} features. Put fewer numbers between two `;`.",
        "{where}某个时间步的特征超过 {most} 个。请减少两个 `;` 之间的数字。",
    ),
    "typed.err.not_number": (
        "{where}'{token}' is not a number. Type numbers only, separated by commas, spaces or `;`.",
        "{where}“{token}”不是数字。只能输入数字，用逗号、空格或 `;` 分隔。",
    ),
    "typed.err.not_finite": (
        "{where}'{token}' is not a finite number. Type an ordinary number.",
        "{where}“{token}”不是有限的数字。请输入普通数字。",
    ),
    "typed.err.empty_sequence": (
        "{where}the sequence is empty. Type its numbers, e.g. `30,31,32,33,34`.",
        "{where}序列为空。请输入它的数字，例如 `30,31,32,33,34`。",
    ),
    "typed.err.too_long": (
        "{where}the text is longer than {most:,} characters. Type a shorter sequence.",
        "{where}文本超过 {most:,} 个字符。请输入更短的序列。",
    ),
    "typed.err.empty_step": (
        "{where}step {step} is empty (two `;` in a row). Remove the extra `;`.",
        "{where}第 {step} 个时间步为空（连续两个 `;`）。请删掉多余的 `;`。",
    ),
    "typed.err.ragged_steps": (
        "{where}the steps have different numbers of features ({widths}). "
        "Give every step the same number.",
        "{where}各时间步的特征数不同（{widths}）。请让每个时间步的特征数相同。",
    ),
    "typed.err.ragged_rows": (
        "Row {row} has {steps} steps × {features} features, but the first "
        "row has {first_steps} × {first_features}. Every row needs the same "
        "shape.",
        "第 {row} 行有 {steps} 个时间步 × {features} 个特征，但第一行是 "
        "{first_steps} × {first_features}。每行的形状必须相同。",
    ),
    "typed.err.target": (
        "Row {row}: the target must be one number. Type it in the target column.",
        "第 {row} 行：目标必须是一个数字。请在目标列中输入。",
    ),
    "typed.err.rows": (
        "{rows:,} rows; at most {most:,} can be typed. Upload a CSV for more.",
        "{rows:,} 行；最多可输入 {most:,} 行。更多数据请上传 CSV。",
    ),
    "typed.err.values": (
        "{rows:,} rows of {per_row:,} numbers each is more than {most:,} numbers. "
        "Use fewer rows or shorter sequences.",
        "{rows:,} 行、每行 {per_row:,} 个数字，超过了 {most:,} 个数字。请减少行数或缩短序列。",
    ),
    "typed.err.no_rows": (
        "The table is empty. Type at least one row, or fill in a sample.",
        "表格为空。请至少输入一行，或填入一个示例。",
    ),
    "typed.err.series_short": (
        "{n} numbers typed; a series needs at least 3 (more to train well). Add rows.",
        "输入了 {n} 个数字；一条序列至少需要 3 个（越多训练越好）。请添加行。",
    ),
}
