// Helpers for running the suite on a PostgreSQL server.
export function adminUrl(url: string) {
  // CREATE/DROP DATABASE run from the database named in DATABASE_URL (e.g. `test`).
  return url;
}
export function templateDbName() {
  return `medservice_tpl_${process.pid}`;
}
