// Statistics per connection, read in the background: `peek` never waits (it answers what is known and starts a
// read when there is none or it is older than the TTL); `refresh` reads again now. When a read ends, `onChange`
// runs so that diagnostics can be published again with the new figures.
import type { DatabaseStatistics } from '../analysis/weigh/statistics';
import { type ReadOptions, type StatisticsRead, readStatistics } from './readStatistics';

interface Entry {
  stats?: DatabaseStatistics;
  loadedAt: number;
  error?: string;
  reading?: Promise<void>;
}

export class StatisticsCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly onChange: (url: string) => void,
    private readonly read: (o: ReadOptions) => Promise<StatisticsRead> = readStatistics,
  ) {}

  /** What is known for this connection now; starts a (background) read when nothing is or it is stale. */
  peek(url: string, ttlMs: number): { stats?: DatabaseStatistics; error?: string } {
    const e = this.entries.get(url);
    if (!e || (!e.reading && Date.now() - e.loadedAt > ttlMs)) void this.refresh(url);
    return { stats: e?.stats, error: e?.error };
  }

  /** Reads this connection's statistics again (the refresh command); resolves when done. */
  refresh(url: string): Promise<void> {
    const e = this.entries.get(url) ?? { loadedAt: 0 };
    this.entries.set(url, e);
    if (e.reading) return e.reading;
    e.reading = this.read({ url, connectTimeoutMs: 3000, statementTimeoutMs: 10_000 })
      .then(
        (r) => {
          if (r.ok) {
            e.stats = r.stats;
            e.error = undefined;
          } else {
            e.error = r.message;
          }
        },
        (err: Error) => {
          e.error = err.message;
        },
      )
      .finally(() => {
        e.loadedAt = Date.now();
        e.reading = undefined;
        this.onChange(url);
      });
    return e.reading;
  }

  /** Reads every connection already used again. */
  refreshAll(): Promise<void> {
    return Promise.all([...this.entries.keys()].map((u) => this.refresh(u))).then(() => undefined);
  }

  /** How many reads have started (for tests: nothing connects in an untrusted workspace). */
  get size(): number {
    return this.entries.size;
  }
}
