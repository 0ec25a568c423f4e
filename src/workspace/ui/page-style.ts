// The page's stylesheet, served at /ui/workspace.css. Our own look: no Slack assets.
export const PAGE_CSS = `
:root {
  --sidebar: #1e2433; --sidebar-text: #c9d1e3; --sidebar-active: #3b6fd8;
  --text: #1d1c1d; --muted: #6b6a6b; --line: #e3e3e6; --hover: #f6f6f8;
  --primary: #1f7a55; --danger: #c0262d; --link: #1264a3; --mention-bg: #e8f0fb;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 15px; color: var(--text);
}
* { box-sizing: border-box; }
body { margin: 0; height: 100vh; overflow: hidden; background: #fff; }
.app { display: grid; grid-template-columns: 240px 1fr; height: 100vh; }
.app.with-thread { grid-template-columns: 240px 1fr 440px; }
.sidebar { background: var(--sidebar); color: var(--sidebar-text); padding: 14px 0; overflow-y: auto; }
.team { font-weight: 700; font-size: 17px; color: #fff; padding: 0 16px 12px; border-bottom: 1px solid #ffffff1f; }
.you { display: block; padding: 12px 16px; font-size: 13px; }
.you select { display: block; width: 100%; margin-top: 4px; padding: 4px; border-radius: 6px; border: 0; font: inherit; }
.nav-title { padding: 12px 16px 4px; font-size: 13px; opacity: .8; }
.channel-link { display: block; padding: 4px 16px; color: var(--sidebar-text); text-decoration: none; border-radius: 6px; margin: 1px 8px; }
.channel-link:hover { background: #ffffff14; }
.channel-link.active { background: var(--sidebar-active); color: #fff; font-weight: 600; }
.hash { display: inline-block; width: 16px; opacity: .7; }
.bot-status { padding: 16px; font-size: 12px; color: #8e97ab; word-break: break-all; }
.bot-status code { color: #c9d1e3; }
.channel-pane, .thread-pane { display: flex; flex-direction: column; min-width: 0; height: 100vh; }
.thread-pane { border-left: 1px solid var(--line); }
.thread-pane[hidden] { display: none; }
.pane-header { display: flex; align-items: baseline; gap: 10px; padding: 12px 20px; border-bottom: 1px solid var(--line); }
.pane-header h1, .pane-header h2 { margin: 0; font-size: 18px; }
.topic { color: var(--muted); font-size: 13px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.close { margin-left: auto; border: 0; background: none; font-size: 22px; cursor: pointer; color: var(--muted); }
.messages { flex: 1; overflow-y: auto; padding: 8px 0 16px; }
.empty { color: var(--muted); padding: 20px; }
.message { display: flex; gap: 10px; padding: 8px 20px; }
.message:hover { background: var(--hover); }
.message.ephemeral { background: #f4f8fd; border-left: 3px solid #9bbce8; }
.avatar { flex: none; width: 36px; height: 36px; border-radius: 8px; display: grid; place-items: center; color: #fff; font-weight: 700; }
.avatar-bot { background: #3f4a63; }
.avatar-0 { background: #c25b2f; } .avatar-1 { background: #2f7fc2; } .avatar-2 { background: #7a4fc2; }
.avatar-3 { background: #2f9c6b; } .avatar-4 { background: #b8407a; } .avatar-5 { background: #5f6b2f; }
.message-main { min-width: 0; flex: 1; }
.meta { display: flex; align-items: baseline; gap: 6px; }
.author { font-weight: 700; }
.badge { font-size: 10px; font-weight: 700; background: #e8e8ea; color: #555; padding: 1px 4px; border-radius: 3px; }
time, .muted { color: var(--muted); font-size: 12px; }
.content { line-height: 1.45; overflow-wrap: anywhere; }
.content a { color: var(--link); }
.content pre, .file-preview { background: #f8f8f8; border: 1px solid var(--line); border-radius: 6px; padding: 8px; font-size: 13px; white-space: pre-wrap; margin: 4px 0; }
.content code { background: #f1f1f3; border: 1px solid var(--line); border-radius: 4px; padding: 0 3px; font-size: 13px; color: #c01343; }
.content pre code { color: inherit; border: 0; background: none; }
blockquote { margin: 4px 0; padding-left: 10px; border-left: 4px solid #ddd; }
.mention { background: var(--mention-bg); color: var(--link); border-radius: 3px; padding: 0 2px; }
.bk-header { font-size: 18px; font-weight: 800; margin: 4px 0; }
.bk-section { display: flex; gap: 12px; margin: 4px 0; }
.bk-section-body { flex: 1; min-width: 0; }
.bk-fields { display: grid; grid-template-columns: 1fr 1fr; gap: 6px 16px; margin-top: 6px; }
.bk-accessory-image { width: 72px; height: 72px; object-fit: cover; border-radius: 6px; }
.bk-context { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; color: var(--muted); font-size: 12px; margin: 4px 0; }
.bk-context-image { width: 18px; height: 18px; border-radius: 4px; }
.bk-divider { border: 0; border-top: 1px solid var(--line); margin: 10px 0; }
.bk-image { margin: 6px 0; }
.bk-image figcaption { font-size: 13px; color: var(--muted); }
.bk-image-img, .file-image img { max-width: 100%; max-height: 360px; border-radius: 8px; border: 1px solid var(--line); }
.bk-actions { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0 4px; }
.bk-button { font: inherit; font-size: 14px; font-weight: 700; padding: 5px 14px; border-radius: 6px; border: 1px solid #c8c8cc; background: #fff; cursor: pointer; }
.bk-button:hover:not([disabled]) { background: #f3f3f5; }
.bk-button.bk-primary { background: var(--primary); border-color: var(--primary); color: #fff; }
.bk-button.bk-danger { background: #fff; border-color: var(--danger); color: var(--danger); }
.bk-button[disabled] { opacity: .55; cursor: default; }
.bk-element { display: inline-block; border: 1px dashed #bbb; border-radius: 6px; padding: 4px 10px; color: var(--muted); font-size: 13px; }
.bk-unknown { color: var(--muted); font-style: italic; }
.bk-rich-text ul, .bk-rich-text ol { margin: 2px 0; padding-left: 22px; }
.attachment { display: flex; margin: 6px 0; }
.att-bar { flex: none; width: 4px; border-radius: 4px; background: var(--bar, #dddddd); }
.att-body { padding: 2px 12px; min-width: 0; }
.att-title { font-weight: 700; }
.att-fields { display: grid; grid-template-columns: 1fr 1fr; gap: 6px 16px; margin: 6px 0; }
.att-field-wide { grid-column: 1 / -1; }
.att-field-title { font-weight: 700; font-size: 13px; }
.att-footer { color: var(--muted); font-size: 12px; margin-top: 4px; }
.file { margin: 6px 0; }
.file figcaption { font-size: 12px; color: var(--muted); }
.file-card { border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; max-width: 560px; }
.reactions { display: flex; gap: 4px; margin-top: 4px; }
.reaction { border: 1px solid var(--line); border-radius: 12px; padding: 0 8px; font-size: 13px; background: #f8f8f8; }
.thread-link { border: 0; background: none; color: var(--link); font: inherit; font-size: 13px; font-weight: 700; cursor: pointer; padding: 2px 0; }
.thread-count { color: var(--muted); font-size: 13px; padding: 4px 20px; border-bottom: 1px solid var(--line); margin-bottom: 4px; }
.composer { display: flex; gap: 8px; margin: 0 20px 16px; border: 1px solid #bbb; border-radius: 8px; padding: 8px; }
.composer textarea { flex: 1; border: 0; resize: none; font: inherit; outline: none; }
.send { align-self: flex-end; font: inherit; font-weight: 700; background: var(--primary); color: #fff; border: 0; border-radius: 6px; padding: 6px 14px; cursor: pointer; }
.toast { position: fixed; bottom: 20px; left: 50%; transform: translateX(-50%); background: #1d1c1d; color: #fff; padding: 10px 16px; border-radius: 8px; font-size: 14px; max-width: 80vw; }
`;
