// A small stand-in for GitHub's REST API on loopback, for driving the Action as GitHub runs it (GITHUB_API_URL points
// here). It serves what the Action's GitHub port calls, the way GitHub answers: issue comments (list, create,
// update), issues (list, create, update) and a branch's head commit, paginated with `per_page`/`page` and a Link header, bodies over 65,536
// characters refused with 422, no token refused with 401. Every call is recorded.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Comment {
  id: number;
  issue: number;
  body: string;
  user: { login: string; type: string };
}

export interface Issue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  /** Set on pull requests, which share the issues list and numbering. */
  pull_request?: { url: string };
}

export interface Call {
  method: string;
  /** The path without the query. */
  path: string;
  query: Record<string, string>;
  body?: Record<string, unknown>;
  status: number;
}

export interface FakeGitHub {
  url: string;
  calls: Call[];
  comments: Comment[];
  issues: Issue[];
  /** Branch name -> the commit it points at (unknown branches are 404, as on GitHub). */
  branches: Record<string, string>;
  /** Comments by other people, to make the sticky comment search page through them. */
  seedComments(issue: number, n: number): void;
  /** Answer writes with this status from now on (403: the read-only token of a fork's pull request); undefined ends it. */
  denyWrites(status: number | undefined): void;
  /** Calls that changed something, as `METHOD path`. */
  writes(): string[];
  close(): Promise<void>;
}

const BODY_LIMIT = 65_536;

export async function startFakeGitHub(repository = 'acme/labeling-specs'): Promise<FakeGitHub> {
  const comments: Comment[] = [];
  const issues: Issue[] = [];
  const calls: Call[] = [];
  const branches: Record<string, string> = {};
  let nextComment = 1000;
  let deny: number | undefined;
  const prefix = `/repos/${repository}`;

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => send(res, 500, { message: String(error) }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', fake.url);
    const text = await new Promise<string>((resolve) => {
      let data = '';
      req.setEncoding('utf8').on('data', (chunk: string) => (data += chunk)).on('end', () => resolve(data));
    });
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
    const call: Call = { method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), ...(body ? { body } : {}), status: 0 };
    calls.push(call);
    const reply = (status: number, value: unknown, headers: Record<string, string> = {}) => {
      call.status = status;
      send(res, status, value, headers);
    };
    if (!/^(token|bearer) \S+/i.test(req.headers.authorization ?? '')) return reply(401, { message: 'Requires authentication' });
    if (!url.pathname.startsWith(`${prefix}/`)) return reply(404, { message: 'Not Found' });
    const route = url.pathname.slice(prefix.length);
    const isWrite = req.method !== 'GET';
    if (isWrite && deny !== undefined) return reply(deny, { message: 'Resource not accessible by integration' });
    if (isWrite && typeof body?.body === 'string' && body.body.length > BODY_LIMIT) {
      return reply(422, { message: 'Validation Failed', errors: [{ resource: 'IssueComment', code: 'custom', field: 'body', message: `body is too long (maximum is ${BODY_LIMIT} characters)` }] });
    }

    let m: RegExpExecArray | null;
    if ((m = /^\/issues\/(\d+)\/comments$/.exec(route))) {
      const issue = Number(m[1]);
      if (req.method === 'GET') return page(url, comments.filter((c) => c.issue === issue).map(commentJson), reply);
      if (req.method === 'POST') {
        const comment: Comment = { id: ++nextComment, issue, body: String(body?.body ?? ''), user: { login: 'github-actions[bot]', type: 'Bot' } };
        comments.push(comment);
        return reply(201, commentJson(comment));
      }
    }
    if ((m = /^\/issues\/comments\/(\d+)$/.exec(route)) && req.method === 'PATCH') {
      const comment = comments.find((c) => c.id === Number(m![1]));
      if (!comment) return reply(404, { message: 'Not Found' });
      comment.body = String(body?.body ?? comment.body);
      return reply(200, commentJson(comment));
    }
    if (route === '/issues') {
      if (req.method === 'GET') {
        const state = url.searchParams.get('state') ?? 'open';
        return page(url, issues.filter((i) => state === 'all' || i.state === state).map(issueJson), reply);
      }
      if (req.method === 'POST') {
        const issue: Issue = { number: nextNumber(), title: String(body?.title ?? ''), body: String(body?.body ?? ''), state: 'open' };
        issues.push(issue);
        return reply(201, issueJson(issue));
      }
    }
    if ((m = /^\/branches\/([^/]+)$/.exec(route)) && req.method === 'GET') {
      const sha = branches[decodeURIComponent(m[1]!)];
      return sha ? reply(200, { name: m[1], commit: { sha } }) : reply(404, { message: 'Branch not found' });
    }
    if ((m = /^\/issues\/(\d+)$/.exec(route)) && req.method === 'PATCH') {
      const issue = issues.find((i) => i.number === Number(m![1]));
      if (!issue) return reply(404, { message: 'Not Found' });
      if (typeof body?.title === 'string') issue.title = body.title;
      if (typeof body?.body === 'string') issue.body = body.body;
      if (body?.state === 'open' || body?.state === 'closed') issue.state = body.state;
      return reply(200, issueJson(issue));
    }
    return reply(404, { message: 'Not Found' });
  }

  /** GitHub's pagination: `per_page` (default 30, at most 100), `page` from 1, a Link header to the next page. */
  function page(url: URL, all: unknown[], reply: (status: number, value: unknown, headers?: Record<string, string>) => void): void {
    const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
    const n = Number(url.searchParams.get('page') ?? 1);
    const items = all.slice((n - 1) * perPage, n * perPage);
    const headers: Record<string, string> = {};
    if (n * perPage < all.length) {
      const next = new URL(url);
      next.searchParams.set('page', String(n + 1));
      headers.link = `<${next.toString()}>; rel="next"`;
    }
    reply(200, items, headers);
  }

  const nextNumber = () => 1 + Math.max(0, ...issues.map((i) => i.number), ...comments.map((c) => c.issue));
  const commentJson = (c: Comment) => ({ id: c.id, body: c.body, user: c.user, html_url: `https://github.com/${repository}/issues/${c.issue}#issuecomment-${c.id}` });
  const issueJson = (i: Issue) => ({ number: i.number, title: i.title, body: i.body, state: i.state, ...(i.pull_request ? { pull_request: i.pull_request } : {}) });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const fake: FakeGitHub = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    comments,
    issues,
    branches,
    seedComments(issue, n) {
      for (let i = 0; i < n; i++) comments.push({ id: ++nextComment, issue, body: `LGTM ${i}`, user: { login: 'reviewer', type: 'User' } });
    },
    denyWrites(status) {
      deny = status;
    },
    writes: () => calls.filter((c) => c.method !== 'GET').map((c) => `${c.method} ${c.path.slice(prefix.length)}`),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
  return fake;
}

function send(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(value));
}
