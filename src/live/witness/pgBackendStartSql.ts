// How a PostgreSQL session's start time is written into its identity. Both sides, the client
// asking about itself and the witness listing sessions, use this one expression, so the two
// strings compare equal to the microsecond (a JavaScript Date would drop the microseconds, and
// pids are reused quickly enough that the start time is what makes the identity unique).
export const pgBackendStartSql = `to_char(backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
