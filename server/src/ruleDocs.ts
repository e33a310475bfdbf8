// Where each diagnostic code is explained: docs/rules/<code>.md in the repository named by package.json.
import fs from 'node:fs';
import path from 'node:path';

declare const INDEX_INSIGHT_REPOSITORY: string;

/** The repository's web address; esbuild defines it from package.json, the sources run by tests read the file. */
function repository(): string {
  if (typeof INDEX_INSIGHT_REPOSITORY === 'string') return INDEX_INSIGHT_REPOSITORY;
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { repository: { url: string } };
  return webUrl(pkg.repository.url);
}

/** `git+https://github.com/o/r.git` -> `https://github.com/o/r`. */
export function webUrl(repositoryUrl: string): string {
  return repositoryUrl.replace(/^git\+/, '').replace(/\.git$/, '');
}

let cached: string | undefined;

export function ruleDocUrl(code: string): string {
  cached ??= repository();
  return `${cached}/blob/HEAD/docs/rules/${code}.md`;
}
