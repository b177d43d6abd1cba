// A tiny HTTP client that keeps one session cookie, like a browser tab of one user.
export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
  /** The error body's request id, taken out of `body` so tests can compare error bodies of two requests. */
  requestId?: string;
}

export class ApiClient {
  /** Cookies by name, like a browser's jar for this origin (paths are ignored). */
  readonly jar = new Map<string, string>();

  /** The Cookie header this client sends, or null. */
  get cookie(): string | null {
    return this.jar.size ? [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ') : null;
  }

  set cookie(header: string | null) {
    this.jar.clear();
    for (const pair of header?.split(/;\s*/) ?? []) {
      const i = pair.indexOf('=');
      if (i > 0) this.jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  }

  constructor(readonly baseUrl: string) {}

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (!value || /max-age=0/i.test(line)) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    let requestId: string | undefined;
    const error = (parsed as { error?: { requestId?: string } } | null)?.error;
    if (error && typeof error === 'object' && typeof error.requestId === 'string') {
      requestId = error.requestId;
      delete error.requestId;
    }
    return { status: res.status, body: parsed as T, headers: res.headers, requestId };
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body ?? {}, headers);
  }
  patch<T = any>(path: string, body?: unknown) {
    return this.request<T>('PATCH', path, body ?? {});
  }
  put<T = any>(path: string, body?: unknown) {
    return this.request<T>('PUT', path, body ?? {});
  }
  delete<T = any>(path: string, body?: unknown) {
    return this.request<T>('DELETE', path, body);
  }

  async login(email: string, password = TEST_PASSWORD) {
    const res = await this.post('/api/auth/login', { email, password });
    if (res.status !== 200) throw new Error(`login failed for ${email}: ${res.status} ${JSON.stringify(res.body)}`);
    return this;
  }
}

export const TEST_PASSWORD = 'test-password-123';
