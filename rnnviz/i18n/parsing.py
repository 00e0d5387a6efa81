"""Strings of the bounded readers (caps on typed input and on uploads, a parse that ran too
long) and of what reading a table finds: parser errors, lines before the header, missing-value
codes, columns left out. {key: (English, 简体中文)}."""

STRINGS: dict[str, tuple[str, str]] = {
    # An upload read in a child process (rnnviz/server/isolated.py)
    "parsing.too_slow": (
        "Reading this file took longer than {seconds:g} s, so it was stopped. Split it into "
        "smaller files, remove very long cells and the columns you do not need, and upload it "
        "again.",
        "读取此文件超过了 {seconds:g} 秒，已停止。请把它拆成几个较小的文件，"
        "删去很长的单元格和不需要的列，"
        "再重新上传。",
    ),
    "parsing.too_much_memory": (
        "Reading this file needed more than {mb:,} MB of memory, so it was stopped. Keep fewer "
        "rows or columns (delete those you do not need), remove very long cells, and upload it "
        "again.",
        "读取此文件需要超过 {mb:,} MB 内存，已停止。请保留较少的行或列（删去不需要的），"
        "删去很长的单元格，"
        "再重新上传。",
    ),
    "parsing.result_too_big": (
        "This file reads into more than {mb:,} MB of data, more than one session may hold. Keep "
        "fewer rows or columns, or remove long text cells, and upload it again.",
        "此文件读入后超过 {mb:,} MB，超出一个会话可保存的数据量。请保留较少的行或列，"
        "或删去很长的文字单元格，"
        "再重新上传。",
    ),
    "parsing.failed": (
        "This file could not be read ({error}). Export it again as a plain CSV (comma "
        "separated, UTF-8) or a .txt file and upload it again.",
        "无法读取此文件（{error}）。请重新导出为普通 CSV（逗号分隔，UTF-8）或 .txt 文件，"
        "再重新上传。",
    ),
    "parsing.busy": (
        "The server is reading other users' files right now. Wait a few seconds and upload "
        "this file again.",
        "服务器正在读取其他用户的文件。请等几秒钟再上传此文件。",
    ),
    "parsing.no_reader": (
        "The server could not start a reader for this file ({error}). Wait a moment and "
        "upload it again.",
        "服务器无法启动读取此文件的进程（{error}）。请稍等片刻再重新上传。",
    ),
    # A table's size, counted before pandas reads it (rnnviz/data/reader.py)
    "parsing.too_many_cells": (
        "This table has about {rows:,} rows × {columns:,} columns = {cells:,} cells; rnnviz "
        "reads at most {most:,}. Delete the columns you do not need, or keep fewer rows, and "
        "upload it again.",
        "此表约有 {rows:,} 行 × {columns:,} 列 = {cells:,} 个单元格；rnnviz 最多读取 {most:,} 个。"
        "请删去不需要的列，或保留较少的行，再重新上传。",
    ),
    # Typed input (rnnviz/data/typed.py), checked before it is parsed
    "parsing.number_too_long": (
        "{where}'{token}' is {chars:,} characters long; a number has at most {most}. Type "
        "ordinary numbers, separated by commas, spaces or `;`.",
        "{where}“{token}”长 {chars:,} 个字符；一个数最多 {most} 个字符。请输入普通的数，"
        "用逗号、空格或 `;` 分隔。",
    ),
    "parsing.target_too_long": (
        "Row {row}: the target is {chars:,} characters long; it is one number of at most "
        "{most} characters. Type it in the target column.",
        "第 {row} 行：目标长 {chars:,} 个字符；它是一个最多 {most} 个字符的数。"
        "请在目标列中输入它。",
    ),
    "parsing.table_too_long": (
        "The typed table holds {chars:,} characters; at most {most:,} can be typed. Delete "
        "some rows, or upload the data as a CSV file.",
        "输入的表共有 {chars:,} 个字符；最多可输入 {most:,} 个。请删去一些行，或把数据存成 CSV "
        "文件上传。",
    ),
    # pandas' parser errors in rnnviz's words (rnnviz/data/parse_errors.py)
    "parsing.fields": (
        "Line {line:,} of the file has {saw:,} fields, but the rows above it have {expected:,} "
        "(columns separated by {delimiter}). Check that line: a separator inside a value "
        "needs quotes around the value. {hint}",
        "文件第 {line:,} 行有 {saw:,} 个字段，而它上面的行有 {expected:,} 个（各列以 {delimiter} "
        "分隔）。请检查这一行：值里含有分隔符时，需要用引号把这个值括起来。{hint}",
    ),
    "parsing.open_quote_at": (
        "A quote opened on line {line:,} of the file is never closed, so the rest of the file "
        "reads as one value. Close the quote or remove it. {hint}",
        "文件第 {line:,} 行开始的引号没有闭合，之后的内容都会被读成一个值。"
        "请补上或删去这个引号。{hint}",
    ),
    "parsing.open_quote": (
        "A quote in the file is never closed, so the rest of the file reads as one value. "
        "Close the quote or remove it. {hint}",
        "文件中有一个引号没有闭合，之后的内容都会被读成一个值。请补上或删去这个引号。{hint}",
    ),
    "parsing.unreadable": (
        "Could not read the table. Columns seemed to be separated by {delimiter}; check that "
        "every row has as many fields as the header. {hint}",
        "无法读取表格。各列似乎以 {delimiter} 分隔；请检查每一行的字段数是否与表头相同。{hint}",
    ),
    "parsing.only_empty": (
        "No column of numbers was found: {empty} is empty in every row, and the other columns "
        "({columns}) hold no numbers. Fill in the values, or upload a table with at least one "
        "column of numbers.",
        "没有找到数值列：{empty} 每一行都是空的，其余的列（{columns}）也没有数值。请填入数值，"
        "或上传至少有一列数值的表格。",
    ),
    # Lines before the header (rnnviz/data/preamble.py)
    "preamble.comment": (
        "Skipped 1 comment line (starting with #) above the header.",
        "已跳过表头上方的 1 行注释（以 # 开头）。",
    ),
    "preamble.comments": (
        "Skipped {count:,} comment lines (starting with #) above the header.",
        "已跳过表头上方的 {count:,} 行注释（以 # 开头）。",
    ),
    "preamble.title": ("Skipped 1 title row above the header.", "已跳过表头上方的 1 行标题。"),
    "preamble.titles": (
        "Skipped {count:,} title rows above the header.",
        "已跳过表头上方的 {count:,} 行标题。",
    ),
    "preamble.short_header": (
        "The header names {named:,} columns but the rows hold {values:,} values: the values "
        "it does not name are read as columns named “Unnamed: …”.",
        "表头只列出 {named:,} 个列名，而各行有 {values:,} 个值：没有列名的值被读作名为"
        " `Unnamed: …` 的列。",
    ),
    # Missing-value codes (rnnviz/data/sentinels.py)
    "codes.missing_one": (
        "{value} in {columns}, {cells:,} cells: read as missing (it lies far outside the "
        "column's other values, like a code for “no reading”).",
        "{value} 出现在 {columns} 中，共 {cells:,} 个单元格：已按缺失值读取（它远离该列的其他值，"
        "像是表示“无读数”的代码）。",
    ),
    "codes.missing_many": (
        "{value} in {count:,} columns, {cells:,} cells: read as missing (it lies far outside "
        "the other values of {columns}, like a code for “no reading”).",
        "{value} 出现在 {count:,} 列中，共 {cells:,} 个单元格：已按缺失值读取（它远离 {columns} "
        "的其他值，像是表示“无读数”的代码）。",
    ),
    "codes.kept_one": (
        "{value} in {columns}, {cells:,} cells, looks like a code for “no reading”: kept as a "
        "value, as asked.",
        "{columns} 中的 {value}（共 {cells:,} 个单元格）像是表示“无读数”的代码："
        "已按要求保留为数值。",
    ),
    "codes.kept_many": (
        "{value} in {count:,} columns, {cells:,} cells ({columns}), looks like a code for "
        "“no reading”: kept as a value, as asked.",
        "{count:,} 列中的 {value}（共 {cells:,} 个单元格；{columns}）像是表示“无读数”的代码："
        "已按要求保留为数值。",
    ),
    "codes.whole_column": (
        "{column} holds {value} in every row, which looks like a code for “no reading”; read "
        "as missing it would leave the column empty, so it is kept as it is (a column of one "
        "value).",
        "{column} 每一行都是 {value}，像是表示“无读数”的代码；若按缺失值读取，这一列就空了，"
        "所以保持原样（只有一个值的列）。",
    ),
    # A date and a time of day in two columns (rnnviz/data/timeofday.py)
    "timeofday.joined": (
        "{date} and {time} read together as one time axis, {column}; {date} alone stays "
        "a choice for the time axis.",
        "{date} 与 {time} 合并读作一条时间轴 {column}；仍可只选 {date} 作为时间轴。",
    ),
    "timeofday.unread": (
        "{time_column} looks like a time column, but its values (such as “{example}”) are "
        "not times of day like 18:00 or 18.00.00, so it is not joined to the dates.",
        "{time_column} 看起来是时间列，但其中的值（如“{example}”）不是 18:00 或 18.00.00 "
        "这样的时刻，因此没有与日期合并。",
    ),
    # Columns no model is offered, with why (rnnviz/data/leftout.py)
    "leftout.reason.empty": (
        "Left out, empty in every row: {columns}",
        "未使用，每一行都是空的：{columns}",
    ),
    "leftout.reason.text": (
        "Left out, text rather than numbers: {columns}",
        "未使用，是文字而不是数值：{columns}",
    ),
    "leftout.reason.constant": (
        "Left out, one value in every row: {columns}",
        "未使用，每一行都是同一个值：{columns}",
    ),
    "leftout.reason.id": (
        "Left out, a row number or ID: {columns}",
        "未使用，是行号或编号：{columns}",
    ),
}
