// DATABASE_URL from a workspace's .env files: the first file that defines it wins, in Next.js/Vite precedence order.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { databaseUrlFromEnvFiles } from '../../server/src/prove/dotenv';
import { writeWorkspace } from '../helpers/tempWorkspace';

describe('DATABASE_URL from .env files', () => {
  const cases: { name: string; files: Record<string, string>; expect: string | undefined }[] = [
    { name: 'quoted, exported, with a comment', files: { '.env': 'export DATABASE_URL="postgres://u@h/db" # local\n' }, expect: 'postgres://u@h/db' },
    { name: 'unquoted with a trailing comment', files: { '.env': 'OTHER=1\nDATABASE_URL=postgres://u@h/db # dev\n' }, expect: 'postgres://u@h/db' },
    {
      name: '.env.local before .env',
      files: { '.env': 'DATABASE_URL=postgres://a/x\n', '.env.local': 'DATABASE_URL=postgres://b/y\n' },
      expect: 'postgres://b/y',
    },
    {
      name: 'a file without it does not hide the next',
      files: { '.env.local': 'X=1\n', '.env': 'DATABASE_URL=postgres://c/z\n' },
      expect: 'postgres://c/z',
    },
    { name: 'a variable reference is not guessed', files: { '.env': 'HOST=h\nDATABASE_URL=postgres://u@${HOST}/db\n' }, expect: undefined },
    { name: 'empty value', files: { '.env': 'DATABASE_URL=\n' }, expect: undefined },
    { name: 'no .env file', files: {}, expect: undefined },
    {
      name: '.env.development.local before .env.local (Next.js, Vite)',
      files: { '.env.local': 'DATABASE_URL=postgres://b/y\n', '.env.development.local': 'DATABASE_URL=postgres://d/w\n' },
      expect: 'postgres://d/w',
    },
    {
      name: '.env.development before .env',
      files: { '.env': 'DATABASE_URL=postgres://a/x\n', '.env.development': 'DATABASE_URL=postgres://e/v\n' },
      expect: 'postgres://e/v',
    },
    {
      name: 'a $VAR reference without braces is not guessed',
      files: { '.env': 'DATABASE_URL=postgres://$PGUSER:$PGPASSWORD@h/db\n' },
      expect: undefined,
    },
    {
      name: "an unusable value in the file that defines it: no URL, not a lower file's",
      files: { '.env.local': 'DATABASE_URL=postgres://${HOST}/db\n', '.env': 'DATABASE_URL=postgres://a/x\n' },
      expect: undefined,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const dir = writeWorkspace(c.files, 'dotenv');
      try {
        assert.equal(databaseUrlFromEnvFiles(dir), c.expect);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
