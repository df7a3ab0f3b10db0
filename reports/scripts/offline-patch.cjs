// Evidence 40.1.x runs offline only with @duckdb/duckdb-wasm pinned to 1.28.0 (DuckDB 0.9.1, parquet
// built in; newer builds fetch the parquet extension from the internet at run time and hang offline).
// DuckDB 0.9.1 lacks two settings universal-sql SETs on connect, so those two statements are made
// non-fatal here. See docs/evidence_offline.md.
const fs = require('fs');
const path = require('path');

const dir = path.join(__dirname, '..', 'node_modules', '@evidence-dev', 'universal-sql', 'src', 'client-duckdb');
const pattern = /await connection\.query\('SET (ieee_floating_point_ops = false|old_implicit_casting = true);'\);/g;
for (const file of ['node.js', 'browser.js']) {
  const target = path.join(dir, file);
  if (!fs.existsSync(target)) {
    console.warn('[offline-patch] missing', target);
    continue;
  }
  const source = fs.readFileSync(target, 'utf8');
  const patched = source.replace(pattern, (_, setting) =>
    `await Promise.resolve().then(() => connection.query('SET ${setting};')).catch(() => {}); /* offline-patch */`);
  if (patched !== source) {
    fs.writeFileSync(target, patched);
    console.log('[offline-patch] patched', file);
  } else if (source.includes('offline-patch')) {
    console.log('[offline-patch] already patched', file);
  } else {
    console.error('[offline-patch] pattern not found in', file);
    process.exitCode = 1;
  }
}
