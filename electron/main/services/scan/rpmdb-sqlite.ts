/**
 * Reads rpmdb.sqlite (RHEL 9+: `Packages(hnum INTEGER PRIMARY KEY, blob BLOB)`) with sql.js, SQLite compiled to
 * WASM: no native module to rebuild per Electron version, and the database is read from bytes, never opened
 * from the image's filesystem.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import initSqlJs from 'sql.js';
import type { HeaderBlob } from '@shared/rpm/rpmdb-packages';
import { isSqliteDatabase, prepareSqliteForMemory } from '@shared/rpm/sqlite-wal';

type SqlJs = Awaited<ReturnType<typeof initSqlJs>>;

let sqlJs: Promise<SqlJs> | undefined;

/** sql.js, initialised once per process. The wasm file is found next to the installed package. */
function loadSqlJs(): Promise<SqlJs> {
  sqlJs ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasm = await readFile(require.resolve('sql.js/dist/sql-wasm.wasm'));
    // Hand sql.js the bytes so it never tries fetch() or a path relative to its own script.
    return initSqlJs({ wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer });
  })();
  sqlJs.catch(() => {
    sqlJs = undefined; // let a later scan retry instead of caching the failure forever
  });
  return sqlJs;
}

export interface SqliteRpmdbRows {
  blobs: HeaderBlob[];
  warnings: string[];
}

/**
 * The header blobs of an rpmdb.sqlite. `wal` is the rpmdb.sqlite-wal next to it, when the image has one
 * with content (committed transactions not yet checkpointed). Throws an Error with a readable message when
 * the bytes are not an rpm SQLite database.
 */
export async function readSqliteRpmdb(bytes: Uint8Array, wal?: Uint8Array): Promise<SqliteRpmdbRows> {
  if (!isSqliteDatabase(bytes)) throw new Error('not an SQLite database (no "SQLite format 3" header)');
  const prepared = prepareSqliteForMemory(bytes, wal);
  const SQL = await loadSqlJs();
  const db = new SQL.Database(prepared.bytes);
  try {
    const table = db.exec("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'Packages'");
    if (table.length === 0) throw new Error('SQLite database has no Packages table: not an rpm database');
    const blobs: HeaderBlob[] = [];
    const warnings = [...prepared.warnings];
    const stmt = db.prepare('SELECT hnum, blob FROM Packages ORDER BY hnum');
    try {
      while (stmt.step()) {
        const [hnum, blob] = stmt.get();
        if (blob instanceof Uint8Array) {
          blobs.push({ key: typeof hnum === 'number' ? hnum : String(hnum), blob });
        } else {
          warnings.push(`Packages row ${String(hnum)}: blob is ${blob === null ? 'NULL' : typeof blob}, not a header`);
        }
      }
    } finally {
      stmt.free();
    }
    return { blobs, warnings };
  } finally {
    db.close();
  }
}
