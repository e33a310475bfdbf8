// Demonstration (prints figures; not a test): the seed workspace on the local PostgreSQL with N seeded runs
// (default 1,000,000; 10 heavy users own half of them), a workload run through the fixture's own drizzle-orm
// queries, then `index-insight check --database-url` in text and JSON. Usage: npm run bench:database [-- 1000000]
import { performance } from 'node:perf_hooks';
import { main } from '../../server/src/cli/main';
import { readStatistics } from '../../server/src/database/readStatistics';
import { DEEP_SCAN, runDeepScanWorkload, seedDeepScan } from '../helpers/deepScanDatabase';
import { createDatabase } from '../helpers/postgres';

const ROWS = Number(process.argv[2] ?? 1_000_000);

async function run() {
  const db = await createDatabase();
  try {
    let t = performance.now();
    await seedDeepScan(db.url, ROWS);
    console.log(`seeded ${ROWS.toLocaleString('en-US')} runs in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
    await runDeepScanWorkload(db.url);
    console.log(`workload (drizzle-orm + pg) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
    const read = await readStatistics({ url: db.url });
    if (!read.ok) throw new Error(read.message);
    const { stats } = read;
    console.log(
      `statistics read in ${(performance.now() - t).toFixed(0)} ms (${stats.tables.size} tables, ${stats.statements?.length ?? 0} statements)\n`,
    );
    const url = db.url.replace(/index_insight_test_\d+_\d+/, '<db>');
    for (const format of ['text', 'json']) {
      console.log(`$ index-insight check --root test/fixtures/deep-scan --database-url ${url}${format === 'json' ? ' --format json' : ''}`);
      let out = '';
      const code = await main(
        ['check', '--root', DEEP_SCAN, '--database-url', db.url, '--format', format],
        (s) => (out += s),
        (s) => process.stderr.write(s),
      );
      console.log(`${out}(exit ${code})\n`);
    }
  } finally {
    await db.drop();
  }
}

void run().catch((e) => {
  console.error(e);
  process.exit(1);
});
