import { AppError } from '../../core/errors.ts';

/** The response body as text, refusing more than `maxBytes` (a runaway query must not fill memory). */
export async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge(maxBytes: number): AppError {
  return new AppError(
    'payload_too_large',
    `Prometheus's answer is larger than ${maxBytes} bytes; narrow the query (fewer series, a larger step)`,
    { details: { maxBytes } },
  );
}
