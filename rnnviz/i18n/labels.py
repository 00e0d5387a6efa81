"""Catalog: sequences that end in a class (rnnviz.data.labels, rnnviz.analysis.class_baselines)."""

STRINGS: dict[str, tuple[str, str]] = {
    # reading a table or a folder of files
    "labels.too_many_rows": (
        "The data have {rows:,} examples, more than the {cap:,} this server trains on. "
        "Keep a sample of each class and upload it again.",
        "数据有 {rows:,} 个样本，超过了本服务器可训练的 {cap:,} 个。"
        "请从每个类别中取一部分样本后重新上传。",
    ),
    "labels.too_wide": (
        "The table has {fields:,} columns; at most {cap:,} are supported. Keep the text "
        "and label columns and upload it again.",
        "表格有 {fields:,} 列；最多支持 {cap:,} 列。请只保留文本列和类别列后重新上传。",
    ),
    "labels.unreadable": (
        "The table could not be read as CSV ({reason}). Save it as a CSV file with one "
        "example a row and upload it again.",
        "无法按 CSV 读取该表格（{reason}）。请另存为每行一个样本的 CSV 文件后重新上传。",
    ),
    "labels.no_files": (
        "No files were uploaded. Upload one .txt file per class, one example a line.",
        "没有上传文件。请为每个类别上传一个 .txt 文件，每行一个样本。",
    ),
    "labels.too_many_files": (
        "{files:,} files were uploaded; at most {cap} classes are supported. Upload one "
        ".txt file per class.",
        "上传了 {files:,} 个文件；最多支持 {cap} 个类别。请为每个类别上传一个 .txt 文件。",
    ),
    "labels.not_txt": (
        "{file} is not a .txt file. Upload only .txt files, one per class, named after "
        "the class (Arabic.txt).",
        "{file} 不是 .txt 文件。请只上传 .txt 文件，每个类别一个，以类别命名（如 Arabic.txt）。",
    ),
    "labels.bad_class_name": (
        "The name of {file} is not a usable class name: it needs a letter or a digit, "
        "no control characters and at most {cap} characters. Rename the file after its "
        "class (Arabic.txt) and upload it again.",
        "文件名 {file} 不能用作类别名：需要含有字母或数字，不含控制字符，且不超过 {cap} 个字符。"
        "请按类别重命名该文件（如 Arabic.txt）后重新上传。",
    ),
    "labels.same_class": (
        "{first} and {second} both name the class {label}. Merge them into one file and "
        "upload again.",
        "{first} 和 {second} 都对应类别 {label}。请把它们合并为一个文件后重新上传。",
    ),
    "labels.binary": (
        "{file} does not look like text (it holds NUL bytes). Upload plain .txt files, "
        "one example a line.",
        "{file} 看起来不是文本（含有 NUL 字节）。请上传纯文本 .txt 文件，每行一个样本。",
    ),
    "labels.not_utf8": (
        "{file} is not UTF-8 text (line {line} cannot be read). Save it as UTF-8 and "
        "upload it again.",
        "{file} 不是 UTF-8 文本（第 {line} 行无法读取）。请另存为 UTF-8 编码后重新上传。",
    ),
    "labels.empty_file": (
        "Left out {files}: empty, so no class of that name.",
        "已略去 {files}：文件为空，因此没有该名称的类别。",
    ),
    "labels.no_examples": (
        "The files hold no examples. Upload .txt files with one example a line.",
        "这些文件中没有样本。请上传每行一个样本的 .txt 文件。",
    ),
    # choosing the columns
    "labels.one_column": (
        "The table has only the column {column}; it needs a text column and a label "
        "column (name,language).",
        "表格只有 {column} 一列；需要一列文本和一列类别（如 `name,language`）。",
    ),
    "labels.no_label_column": (
        "No column looks like a label: each has more than {cap} different values or "
        "never repeats one. Add a column with the class of each row.",
        "没有哪一列像类别列：每列的不同取值都超过 {cap} 个，或者取值从不重复。"
        "请添加一列写明每行的类别。",
    ),
    "labels.missing_column": (
        "The table has no column {column}. Choose one of: {columns}.",
        "表格中没有 {column} 列。请从以下列中选择：{columns}。",
    ),
    "labels.same_column": (
        "The text and the label are the same column ({column}). Choose two different columns.",
        "文本和类别选了同一列（{column}）。请选择两列不同的列。",
    ),
    # the settings
    "labels.max_len": (
        "The length cap must be a whole number from 1 to {cap}; it is {value}.",
        "长度上限必须是 1 到 {cap} 之间的整数；现在是 {value}。",
    ),
    "labels.fractions": (
        "The validation and test shares must each be above 0 and together below 1; they "
        "are {val} and {test}.",
        "验证集和测试集的比例都必须大于 0，且两者之和小于 1；现在是 {val} 和 {test}。",
    ),
    # the classes and the texts
    "labels.one_class": (
        "Every example has the class {label}: a classifier needs at least two classes. "
        "Add examples of another class.",
        "所有样本都属于类别 {label}：分类至少需要两个类别。请加入其他类别的样本。",
    ),
    "labels.too_many_classes": (
        "The column {column} has {classes:,} different values; at most {cap} classes "
        "are supported. Choose the column that holds the class of each row.",
        "{column} 列有 {classes:,} 个不同的取值；最多支持 {cap} 个类别。"
        "请选择写明每行类别的那一列。",
    ),
    "labels.empty_dropped": (
        "Left out {rows:,} examples with an empty text or label.",
        "已略去 {rows:,} 个文本或类别为空的样本。",
    ),
    "labels.cut": (
        "{rows:,} texts were longer than the cap of {cap} characters (the longest has "
        "{longest:,}): their first {cap} characters are kept.",
        "有 {rows:,} 个文本超过了 {cap} 个字符的上限（最长的有 {longest:,} 个）："
        "只保留前 {cap} 个字符。",
    ),
    "labels.too_many_cells": (
        "{rows:,} examples of up to {length:,} characters make {cells:,} cells, more "
        "than the {cap:,} supported. Lower the length cap or keep fewer examples.",
        "{rows:,} 个样本、每个最多 {length:,} 个字符，共 {cells:,} 个单元，"
        "超过了支持的 {cap:,} 个。"
        "请降低长度上限或减少样本。",
    ),
    "labels.too_many_chars": (
        "The texts use {size:,} different characters, above the cap of {cap:,}. Use "
        "shorter or plainer texts.",
        "这些文本用了 {size:,} 个不同的字符，超过了上限 {cap:,}。请使用更短或更简单的文本。",
    ),
    "labels.single": (
        "Classes with a single example ({classes}): each is in the training split only, "
        "so its accuracy is not measured.",
        "只有一个样本的类别（{classes}）：该样本只放在训练集中，因此不测量其准确率。",
    ),
    "labels.not_tested": (
        "No test example for {classes}: too few examples to keep one aside, so they are "
        "not in the test accuracy.",
        "{classes} 没有测试样本：样本太少，留不出一个，因此不计入测试准确率。",
    ),
    "labels.too_few": (
        "{rows:,} examples leave none for the {part} split. Add examples or raise its share.",
        "{rows:,} 个样本分不出{part}。请增加样本或提高该部分的比例。",
    ),
    "labels.part.val": ("validation", "验证集"),
    "labels.part.test": ("test", "测试集"),
    # the baselines
    "labels.baseline.majority": ("majority class", "多数类"),
    "labels.baseline.bigram": (
        "character bigrams + logistic regression",
        "字符二元组 + 逻辑回归",
    ),
}
