"""Strings of the server itself: refused client messages, upload caps, a page that failed.
{key: (English, 简体中文)}."""

STRINGS: dict[str, tuple[str, str]] = {
    "server.upload_cap": (
        "Upload refused: this session already holds its {cap} MB of uploaded files. "
        "Remove a file or reload the page.",
        "上传被拒绝：此会话的上传文件已达 {cap} MB 上限。请移除一个文件或刷新页面。",
    ),
    # The server's log lines, written in English (rnnviz.ui.server_hooks.log_text).
    "server.log.clear_cache": (
        "refused a clear_cache request from session {session}: the caches hold every "
        "session's training jobs",
        "已拒绝会话 {session} 的 clear_cache 请求：缓存中保存着所有会话的训练任务",
    ),
    "server.log.upload_cap": (
        "refused an upload of {size} bytes from session {session}: it would hold {total} "
        "bytes, past the cap of {cap} ({env})",
        "已拒绝会话 {session} 上传的 {size} 字节：其上传总量将达 {total} 字节，超过上限 "
        "{cap}（{env}）",
    ),
    "server.log.collected": (
        "a session ended: collected {objects} objects in {seconds:.2f} s",
        "一个会话已结束：回收了 {objects} 个对象，用时 {seconds:.2f} 秒",
    ),
}
