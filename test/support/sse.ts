/**
 * Reads a Server-Sent Events answer the way a browser's EventSource does (event name, data
 * lines, comments skipped), one event at a time, with a time limit per event. The comments it
 * skipped (heartbeats) are kept in `comments`, in order.
 */
export interface SseEvent {
  event: string;
  data: string;
}

export function sseReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let ended = false;
  const comments: string[] = [];
  let pending: Promise<ReadableStreamReadResult<Uint8Array>> | null = null;

  /** The next event, or null when the stream ended; rejects after `ms`. */
  async function next(ms = 5000): Promise<SseEvent | null> {
    const deadline = Date.now() + ms;
    for (;;) {
      const cut = buffer.indexOf('\n\n');
      if (cut >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        let event = 'message';
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) {
            comments.push(line.slice(1).trim());
            continue;
          }
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'event') event = value;
          if (field === 'data') data.push(value);
        }
        if (data.length) return { event, data: data.join('\n') };
        continue; // a comment (heartbeat) or a retry-only block
      }
      if (ended) return null;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('no server-sent event in time');
      let timer: ReturnType<typeof setTimeout> | undefined;
      // A read that outlived the last call's time limit is still the stream's next chunk: keep it.
      pending ??= reader.read();
      const chunk = await Promise.race([
        pending,
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('no server-sent event in time')), left))),
      ]).finally(() => clearTimeout(timer));
      pending = null;
      if (chunk.done) ended = true;
      else buffer += decoder.decode(chunk.value, { stream: true }).replace(/\r\n?/g, '\n');
    }
  }
  return { next, comments, cancel: () => reader.cancel().catch(() => {}) };
}
