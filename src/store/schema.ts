// The store's schema, as numbered migrations. A store made by a newer version is refused.
export interface Migration {
  version: number;
  sql: string;
  /** The store file is rewritten after it (VACUUM), so pages an earlier version freed keep none of what it removes. */
  rewrite?: true;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE batches (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        file_name TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        options_digest TEXT NOT NULL,
        waves TEXT NOT NULL,
        rows_read INTEGER NOT NULL,
        rows_stored INTEGER NOT NULL,
        rows_rejected INTEGER NOT NULL,
        tool_version TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        details TEXT NOT NULL
      );
      CREATE INDEX batches_identity ON batches (kind, sha256, options_digest);
      CREATE TABLE population (
        batch_id INTEGER NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
        line INTEGER NOT NULL,
        wave TEXT,
        district TEXT NOT NULL,
        sex TEXT NOT NULL,
        age_group TEXT NOT NULL,
        age_min INTEGER NOT NULL,
        age_max INTEGER,
        population REAL NOT NULL
      );
      CREATE INDEX population_batch ON population (batch_id);
      -- Survey respondents are stored column-wise in chunks: loading a wave is a few blob reads.
      CREATE TABLE survey_chunks (
        batch_id INTEGER NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
        wave TEXT NOT NULL,
        chunk INTEGER NOT NULL,
        rows INTEGER NOT NULL,
        districts TEXT NOT NULL,
        items TEXT NOT NULL,
        PRIMARY KEY (batch_id, wave, chunk)
      );
      CREATE INDEX survey_chunks_wave ON survey_chunks (wave);
      CREATE TABLE survey_columns (
        batch_id INTEGER NOT NULL,
        wave TEXT NOT NULL,
        chunk INTEGER NOT NULL,
        name TEXT NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (batch_id, wave, chunk, name),
        FOREIGN KEY (batch_id, wave, chunk) REFERENCES survey_chunks (batch_id, wave, chunk) ON DELETE CASCADE
      );
      CREATE TABLE keyfigures (
        batch_id INTEGER NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
        line INTEGER NOT NULL,
        wave TEXT NOT NULL,
        interview TEXT NOT NULL,
        district TEXT NOT NULL,
        organisation_type TEXT NOT NULL,
        theme TEXT NOT NULL,
        severity INTEGER NOT NULL,
        trend TEXT,
        -- free text: kept for the analyst, left out of reports unless asked for
        note TEXT
      );
      CREATE INDEX keyfigures_batch ON keyfigures (batch_id);
      CREATE INDEX keyfigures_wave ON keyfigures (wave);
      CREATE TABLE monitor (
        batch_id INTEGER NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
        line INTEGER NOT NULL,
        wave TEXT NOT NULL,
        area TEXT NOT NULL,
        indicator TEXT NOT NULL,
        value REAL NOT NULL,
        ci_low REAL,
        ci_high REAL,
        n INTEGER
      );
      CREATE INDEX monitor_batch ON monitor (batch_id);
    `,
  },
  {
    // Residents' signals (police café, neighbourhood officers, complaints), counted per district and theme.
    version: 2,
    sql: `
      CREATE TABLE signals (
        batch_id INTEGER NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
        line INTEGER NOT NULL,
        wave TEXT NOT NULL,
        date TEXT NOT NULL,
        district TEXT NOT NULL,
        theme TEXT NOT NULL,
        source TEXT NOT NULL,
        count INTEGER NOT NULL
      );
      CREATE INDEX signals_batch ON signals (batch_id);
      CREATE INDEX signals_wave ON signals (wave);
    `,
  },
  {
    // The duplicate check looks each row's identity up: without these, one lookup scans the table, and a
    // 40,000-row population file took minutes (every row against every row stored before it).
    version: 3,
    sql: `
      CREATE INDEX population_identity ON population (district, sex, age_group, wave);
      CREATE INDEX keyfigures_identity ON keyfigures (wave, interview, district, theme);
      CREATE INDEX monitor_identity ON monitor (wave, area, indicator);
    `,
  },
  {
    // No source line beside a pseudonym: it linked each respondent and interview to its row of the export.
    version: 4,
    sql: `
      DELETE FROM survey_columns WHERE name = 'line';
      ALTER TABLE keyfigures DROP COLUMN line;
    `,
  },
  {
    // Population margins without their cross-table: a row may give residents per district x sex (age_group
    // empty) or per district x age group (sex empty). SQLite cannot drop NOT NULL, so the table is rebuilt.
    version: 5,
    sql: `
      CREATE TABLE population_v5 (
        batch_id INTEGER NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
        line INTEGER NOT NULL,
        wave TEXT,
        district TEXT NOT NULL,
        sex TEXT,
        age_group TEXT,
        age_min INTEGER,
        age_max INTEGER,
        population REAL NOT NULL
      );
      INSERT INTO population_v5 SELECT batch_id, line, wave, district, sex, age_group, age_min, age_max, population FROM population;
      DROP TABLE population;
      ALTER TABLE population_v5 RENAME TO population;
      CREATE INDEX population_batch ON population (batch_id);
      CREATE INDEX population_cell ON population (district, wave);
      CREATE INDEX population_identity ON population (district, sex, age_group, wave);
    `,
  },
  {
    // Free text is never stored: the notes earlier versions kept go with their bytes. The table is copied
    // without them and the old one dropped with secure_delete, which zeroes every page it frees (an UPDATE
    // would leave copies that page splits left behind); the rewrite then drops what pages freed earlier held.
    // `note` stays as a column, always NULL; no insert names it.
    version: 6,
    rewrite: true,
    sql: `
      PRAGMA secure_delete = ON;
      CREATE TABLE keyfigures_v6 (
        batch_id INTEGER NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
        wave TEXT NOT NULL,
        interview TEXT NOT NULL,
        district TEXT NOT NULL,
        organisation_type TEXT NOT NULL,
        theme TEXT NOT NULL,
        severity INTEGER NOT NULL,
        trend TEXT,
        note TEXT
      );
      INSERT INTO keyfigures_v6 SELECT batch_id, wave, interview, district, organisation_type, theme, severity, trend, NULL FROM keyfigures;
      DROP TABLE keyfigures;
      ALTER TABLE keyfigures_v6 RENAME TO keyfigures;
      CREATE INDEX keyfigures_batch ON keyfigures (batch_id);
      CREATE INDEX keyfigures_wave ON keyfigures (wave);
      CREATE INDEX keyfigures_identity ON keyfigures (wave, interview, district, theme);
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
