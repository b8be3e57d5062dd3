import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the schema and committed; both databases run the same files.
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/db/schema.ts',
  out: './server/db/migrations',
  driver: 'pglite',
  dbCredentials: { url: './.tmp/drizzle-kit' },
});
