// The upload URL minted by files.getUploadURLExternal: takes the file's bytes, either raw
// or as multipart/form-data (what @slack/web-api sends), and answers `OK - <length>`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mediaType, readBody, sendText } from './http-io.ts';
import type { Workspace } from './workspace-state.ts';

async function fileBytes(req: IncomingMessage, raw: Buffer): Promise<Buffer | undefined> {
  if (mediaType(req) !== 'multipart/form-data') return raw;
  const form = await new Response(new Uint8Array(raw), {
    headers: { 'content-type': req.headers['content-type'] ?? '' },
  }).formData();
  for (const value of form.values()) {
    if (typeof value !== 'string') return Buffer.from(await value.arrayBuffer());
  }
  return undefined;
}

export async function handleUpload(
  fileId: string,
  req: IncomingMessage,
  res: ServerResponse,
  workspace: Workspace,
): Promise<void> {
  const file = workspace.file(fileId);
  if (file === undefined || file.completed) {
    sendText(res, 404, 'file_not_found');
    return;
  }
  const bytes = await fileBytes(req, await readBody(req));
  if (bytes === undefined) {
    sendText(res, 400, 'no_file_data');
    return;
  }
  file.bytes = bytes;
  sendText(res, 200, `OK - ${bytes.length}`);
}
