// The peer of Peninsula's GDELT benchmark: DuckDB reads the same GDELT 2.0 files with read_csv
// (tab-separated, no header, 61 text columns, no quoting) and counts the rows about North Korea
// with the same filter (Actor1CountryCode or Actor2CountryCode = PRK, or ActionGeo_CountryCode = KN).
// Usage: node duckdb-count.mjs <glob> <threads>
// Prints one JSON line: rows, kept, seconds, max_rss_mb.
import { DuckDBInstance } from '@duckdb/node-api';

const [glob, threads] = process.argv.slice(2);
const columns = '{' + Array.from({ length: 61 }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ') + '}';
const source = `read_csv('${glob}', delim='\t', header=false, auto_detect=false, quote='', escape='', columns=${columns})`;
const instance = await DuckDBInstance.create(':memory:', { threads: String(threads ?? 1) });
const connection = await instance.connect();
const started = process.hrtime.bigint();
const reader = await connection.runAndReadAll(
  `SELECT count(*) AS rows, count(*) FILTER (WHERE c7 = 'PRK' OR c17 = 'PRK' OR c53 = 'KN') AS kept FROM ${source}`);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const [rows, kept] = reader.getRows()[0];
console.log(JSON.stringify({ rows: Number(rows), kept: Number(kept), seconds, max_rss_mb: process.resourceUsage().maxRSS / 1024 }));
