// Reads a Server-Sent Events response with fetch + a stream reader, like EventSource but with
// headers (cookie, Last-Event-ID). Tests wait on events, never on the clock.
export interface SseMessage {
  event: string;
  id: string | null;
  data: string;
  json<T = any>(): T;
}

export interface SseConnection {
  status: number;
  /** The next message matching `filter` (default: any), within `timeoutMs`. */
  next(filter?: (m: SseMessage) => boolean, timeoutMs?: number): Promise<SseMessage>;
  /** The next `n` messages of the given event types (default: any except ready). */
  take(n: number, timeoutMs?: number, filter?: (m: SseMessage) => boolean): Promise<SseMessage[]>;
  /** Heartbeat comment lines seen so far. */
  comments: string[];
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
  body: unknown;
}

export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseConnection> {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
  const queue: SseMessage[] = [];
  const comments: string[] = [];
  let waiter = null as (() => void) | null;
  let done = false;
  let endResolve!: () => void;
  const ended = new Promise<void>((r) => (endResolve = r));
  if (res.status !== 200 || !res.body) {
    const body = await res.json().catch(() => null);
    // Like ApiClient: the request id is not part of what two error answers are compared on.
    if (body?.error) delete body.error.requestId;
    return {
      status: res.status,
      body,
      comments,
      ended: Promise.resolve(),
      close() {},
      next: () => Promise.reject(new Error('no stream')),
      take: () => Promise.reject(new Error('no stream')),
    };
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done: d } = await reader.read();
        if (d) break;
        buffer += value;
        let idx: number;
        while ((idx = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, idx);
          buffer = buffer.slice(idx + 2);
          let event = 'message';
          let id: string | null = null;
          const data: string[] = [];
          let isComment = true;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) {
              comments.push(line);
              continue;
            }
            isComment = false;
            const colon = line.indexOf(':');
            const field = colon < 0 ? line : line.slice(0, colon);
            const val = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (field === 'event') event = val;
            else if (field === 'id') id = val;
            else if (field === 'data') data.push(val);
          }
          if (isComment) continue;
          const text = data.join('\n');
          queue.push({ event, id, data: text, json: () => JSON.parse(text) });
          waiter?.();
        }
      }
    } catch {
      /* aborted */
    } finally {
      done = true;
      endResolve();
      waiter?.();
    }
  })();

  let cursor = 0;
  const next = async (filter: (m: SseMessage) => boolean = () => true, timeoutMs = 5_000): Promise<SseMessage> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      while (cursor < queue.length) {
        const m = queue[cursor++]!;
        if (filter(m)) return m;
      }
      if (done) throw new Error('stream ended before the expected event');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching event within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        waiter = () => {
          clearTimeout(t);
          waiter = null;
          resolve();
        };
      });
    }
  };
  return {
    status: res.status,
    body: null,
    comments,
    ended,
    next,
    async take(n, timeoutMs = 5_000, filter = (m) => m.event !== 'ready') {
      const out: SseMessage[] = [];
      for (let i = 0; i < n; i++) out.push(await next(filter, timeoutMs));
      return out;
    },
    close: () => controller.abort(),
  };
}
