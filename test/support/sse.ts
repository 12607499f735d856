/**
 * Reads a Server-Sent Events answer the way a browser's EventSource does (event name, data
 * lines, comments ignored), one event at a time, with a time limit per event.
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
          if (line.startsWith(':')) continue;
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
      const chunk = await Promise.race([
        reader.read(),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('no server-sent event in time')), left))),
      ]).finally(() => clearTimeout(timer));
      if (chunk.done) ended = true;
      else buffer += decoder.decode(chunk.value, { stream: true }).replace(/\r\n?/g, '\n');
    }
  }
  return { next, cancel: () => reader.cancel().catch(() => {}) };
}
