"""Catalog: how an upload was read, as a table or as a text (rnnviz.data.filekind), and what a
refused first upload says."""

STRINGS: dict[str, tuple[str, str]] = {
    "filekind.read_as_text": (
        "{name} was read as text for a character model: it is not a table.",
        "{name} 已作为文本读入，用于字符级模型：它不是表格。",
    ),
    "filekind.read_as_table": (
        "{name} was read as a table: its lines split into columns, with a column of numbers.",
        "{name} 已作为表格读入：它的各行能拆分成列，且有一列是数值。",
    ),
    "filekind.upload_failed_first": (
        "{error} Nothing is loaded yet: fix the file and upload it again, or pick a sample.",
        "{error}目前还没有加载任何数据：请修正文件后重新上传，或者选择一个示例。",
    ),
}
