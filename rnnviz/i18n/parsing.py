"""Strings of the bounded readers: caps on typed input and on uploads, and a parse that ran too long. {key: (English, 简体中文)}."""

STRINGS: dict[str, tuple[str, str]] = {
    # An upload read in a child process (rnnviz/isolated.py)
    "parsing.too_slow": (
        "Reading this file took longer than {seconds:g} s, so it was stopped. Split it into "
        "smaller files, remove very long cells and the columns you do not need, and upload it "
        "again.",
        "读取此文件超过了 {seconds:g} 秒，已停止。请把它拆成几个较小的文件，删去很长的单元格和不需要的列，"
        "再重新上传。"),
    "parsing.too_much_memory": (
        "Reading this file needed more than {mb:,} MB of memory, so it was stopped. Keep fewer "
        "rows or columns (delete those you do not need), remove very long cells, and upload it "
        "again.",
        "读取此文件需要超过 {mb:,} MB 内存，已停止。请保留较少的行或列（删去不需要的），删去很长的单元格，"
        "再重新上传。"),
    "parsing.result_too_big": (
        "This file reads into more than {mb:,} MB of data, more than one session may hold. Keep "
        "fewer rows or columns, or remove long text cells, and upload it again.",
        "此文件读入后超过 {mb:,} MB，超出一个会话可保存的数据量。请保留较少的行或列，或删去很长的文字单元格，"
        "再重新上传。"),
    "parsing.failed": (
        "This file could not be read ({error}). Export it again as a plain CSV (comma "
        "separated, UTF-8) or a .txt file and upload it again.",
        "无法读取此文件（{error}）。请重新导出为普通 CSV（逗号分隔，UTF-8）或 .txt 文件，再重新上传。"),
    "parsing.busy": (
        "The server is reading other users' files right now. Wait a few seconds and upload "
        "this file again.",
        "服务器正在读取其他用户的文件。请等几秒钟再上传此文件。"),
    "parsing.no_reader": (
        "The server could not start a reader for this file ({error}). Wait a moment and "
        "upload it again.",
        "服务器无法启动读取此文件的进程（{error}）。请稍等片刻再重新上传。"),
    # A table's size, counted before pandas reads it (rnnviz/data.py)
    "parsing.too_many_cells": (
        "This table has about {rows:,} rows × {columns:,} columns = {cells:,} cells; rnnviz "
        "reads at most {most:,}. Delete the columns you do not need, or keep fewer rows, and "
        "upload it again.",
        "此表约有 {rows:,} 行 × {columns:,} 列 = {cells:,} 个单元格；rnnviz 最多读取 {most:,} 个。"
        "请删去不需要的列，或保留较少的行，再重新上传。"),
    # Typed input (rnnviz/typed.py), checked before it is parsed
    "parsing.number_too_long": (
        "{where}'{token}' is {chars:,} characters long; a number has at most {most}. Type "
        "ordinary numbers, separated by commas, spaces or `;`.",
        "{where}“{token}”长 {chars:,} 个字符；一个数最多 {most} 个字符。请输入普通的数，"
        "用逗号、空格或 `;` 分隔。"),
    "parsing.target_too_long": (
        "Row {row}: the target is {chars:,} characters long; it is one number of at most "
        "{most} characters. Type it in the target column.",
        "第 {row} 行：目标长 {chars:,} 个字符；它是一个最多 {most} 个字符的数。请在目标列中输入它。"),
    "parsing.table_too_long": (
        "The typed table holds {chars:,} characters; at most {most:,} can be typed. Delete "
        "some rows, or upload the data as a CSV file.",
        "输入的表共有 {chars:,} 个字符；最多可输入 {most:,} 个。请删去一些行，或把数据存成 CSV 文件上传。"),
}
