import WebSocket from 'ws';

/** A websocket test client that records every message and can wait for one that matches. */
export class LiveTestClient {
  readonly messages: Record<string, unknown>[] = [];
  closeCode: number | undefined;
  private waiters: { match: (m: Record<string, unknown>) => boolean; resolve: (m: Record<string, unknown>) => void }[] =
    [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (raw) => {
      const message = JSON.parse(raw.toString()) as Record<string, unknown>;
      this.messages.push(message);
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(message)) return true;
        w.resolve(message);
        return false;
      });
    });
    socket.on('close', (code) => {
      this.closeCode = code;
    });
  }

  static async connect(url: string, headers: Record<string, string> = {}): Promise<LiveTestClient> {
    const socket = new WebSocket(url, { headers });
    const client = new LiveTestClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return client;
  }

  send(message: unknown) {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** Resolves with the first message (already received or future) that matches. */
  next(match: (m: Record<string, unknown>) => boolean, timeoutMs = 10_000): Promise<Record<string, unknown>> {
    const seen = this.messages.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(`no matching message in ${timeoutMs} ms; got ${JSON.stringify(this.messages).slice(0, 2000)}`),
          ),
        timeoutMs,
      );
      this.waiters.push({ match, resolve: (m) => (clearTimeout(timer), resolve(m)) });
    });
  }

  closed(timeoutMs = 10_000): Promise<number> {
    if (this.closeCode !== undefined) return Promise.resolve(this.closeCode);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('socket did not close')), timeoutMs);
      this.socket.once('close', (code) => (clearTimeout(timer), resolve(code)));
    });
  }

  close() {
    this.socket.close();
  }
}

export const proposalsFor =
  (lotId: string, extra: (m: Record<string, unknown>) => boolean = () => true) =>
  (m: Record<string, unknown>) =>
    m.type === 'proposals' && m.lotId === lotId && extra(m);
