// The GitHub port of the Action: only the REST calls it makes (issue comments, issues, a branch's head), pagination
// folded in. The sticky comment and the drift issue are found by their hidden marker, so re-runs update them instead
// of adding more.
import type { getOctokit } from '@actions/github';

export interface IssueRef {
  number: number;
  state: 'open' | 'closed';
}

export interface GitHubPort {
  /** Creates, or updates in place, the one comment on issue or pull request `issue` whose body holds `marker`. */
  upsertComment(issue: number, marker: string, body: string): Promise<{ id: number; created: boolean }>;
  /** The open issue whose body holds `marker` (the oldest, should there be several). */
  findOpenIssue(marker: string): Promise<IssueRef | undefined>;
  createIssue(title: string, body: string): Promise<number>;
  updateIssue(issue: number, patch: { title?: string; body?: string; state?: 'open' | 'closed' }): Promise<void>;
  /** The commit a branch points at now. */
  branchHead(branch: string): Promise<string>;
}

type Octokit = ReturnType<typeof getOctokit>;

export function gitHubPort(octokit: Octokit, repo: { owner: string; repo: string }): GitHubPort {
  return {
    async upsertComment(issue, marker, body) {
      const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: issue, per_page: 100 });
      const existing = comments.find((c) => c.body?.includes(marker));
      if (existing) {
        await octokit.rest.issues.updateComment({ ...repo, comment_id: existing.id, body });
        return { id: existing.id, created: false };
      }
      const created = await octokit.rest.issues.createComment({ ...repo, issue_number: issue, body });
      return { id: created.data.id, created: true };
    },
    async findOpenIssue(marker) {
      // The issues list also holds pull requests; the marker is only ever in an issue gtctl wrote.
      const issues = await octokit.paginate(octokit.rest.issues.listForRepo, { ...repo, state: 'open', per_page: 100, sort: 'created', direction: 'asc' });
      const found = issues.find((i) => !i.pull_request && i.body?.includes(marker));
      return found ? { number: found.number, state: found.state === 'closed' ? 'closed' : 'open' } : undefined;
    },
    async createIssue(title, body) {
      return (await octokit.rest.issues.create({ ...repo, title, body })).data.number;
    },
    async updateIssue(issue, patch) {
      await octokit.rest.issues.update({ ...repo, issue_number: issue, ...patch });
    },
    async branchHead(branch) {
      return (await octokit.rest.repos.getBranch({ ...repo, branch })).data.commit.sha;
    },
  };
}
