package app

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/riverqueue/river/riverdriver"
)

// store is the database under a River queue: River's driver, and the few
// statements releasebot runs itself (de-duplication, leases, heartbeats)
// on River's tables and its own (see ownSchema).
type store[TTx any] interface {
	querier // on the pool, outside transactions
	driver() riverdriver.Driver[TTx]
	// alone runs fn while no other process runs an alone of the store.
	alone(ctx context.Context, fn func() error) error
	// inTx runs fn in a transaction, committed when fn returns nil.
	inTx(ctx context.Context, fn func(tx TTx, q querier) error) error
	dialect() *dialect
	// warm prepares statements that transactions run (where preparing
	// pays).
	warm(ctx context.Context, queries ...string) error
	// sole reports whether this process is the only one using the store
	// (a locked SQLite file): the jobs found running at start are then a
	// dead process's.
	sole() bool
	close()
}

// querier runs SQL written with ? placeholders (see dialect.bind).
type querier interface {
	// exec returns the number of rows changed.
	exec(ctx context.Context, query string, args ...any) (int64, error)
	// row scans the first row; errNoRows when there is none.
	row(ctx context.Context, query string, args []any, dest ...any) error
	// each calls scan for every row.
	each(ctx context.Context, query string, args []any, scan func(scanner) error) error
}

type scanner interface{ Scan(dest ...any) error }

var errNoRows = errors.New("no rows")

// jobKindTask and jobKindResync are River's job kinds for releasebot's jobs.
const (
	jobKindTask   = "releasebot_task"
	jobKindResync = "releasebot_resync"
)

// ownSchema are releasebot's tables beside River's. Times are Unix
// milliseconds.
//   - releasebot_delivery: the delivery ids accepted, until they expire;
//   - releasebot_lease: the repository a job is working on, so that a
//     repository has one job at a time across replicas;
//   - releasebot_replica: each running process's last heartbeat; a job
//     or lease whose process stopped beating is taken over;
//   - releasebot_state: the last resync.
var ownSchema = []string{
	`CREATE TABLE IF NOT EXISTS releasebot_delivery (id TEXT PRIMARY KEY, expires_at BIGINT NOT NULL)`,
	`CREATE INDEX IF NOT EXISTS releasebot_delivery_expires_at ON releasebot_delivery (expires_at)`,
	`CREATE TABLE IF NOT EXISTS releasebot_lease (repo TEXT PRIMARY KEY, job_id BIGINT NOT NULL, owner TEXT NOT NULL, expires_at BIGINT NOT NULL)`,
	`CREATE TABLE IF NOT EXISTS releasebot_replica (id TEXT PRIMARY KEY, seen_at BIGINT NOT NULL)`,
	`CREATE TABLE IF NOT EXISTS releasebot_state (name TEXT PRIMARY KEY, at BIGINT NOT NULL)`,
}

// Statements common to both databases.
const (
	// sqlDelivery records a delivery id; it changes no row when the id is
	// recorded and not expired (args: id, expiry, now).
	sqlDelivery = `INSERT INTO releasebot_delivery (id, expires_at) VALUES (?, ?)
		ON CONFLICT (id) DO UPDATE SET expires_at = excluded.expires_at WHERE releasebot_delivery.expires_at < ?`
	// sqlLease takes a repository's lease for a job: free, already the
	// job's, expired, or held by a process that stopped beating (args:
	// repo, job, owner, expiry, now, oldest live heartbeat).
	sqlLease = `INSERT INTO releasebot_lease (repo, job_id, owner, expires_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (repo) DO UPDATE SET job_id = excluded.job_id, owner = excluded.owner, expires_at = excluded.expires_at
		WHERE releasebot_lease.job_id = excluded.job_id OR releasebot_lease.expires_at < ?
		OR NOT EXISTS (SELECT 1 FROM releasebot_replica r WHERE r.id = releasebot_lease.owner AND r.seen_at >= ?)`
	sqlUnlease   = `DELETE FROM releasebot_lease WHERE repo = ? AND job_id = ?`
	sqlHeartbeat = `INSERT INTO releasebot_replica (id, seen_at) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET seen_at = excluded.seen_at`
	sqlLive      = `SELECT id FROM releasebot_replica WHERE seen_at >= ?`
	sqlGone      = `DELETE FROM releasebot_replica WHERE id = ?`
	// sqlForgetOthers and sqlLeasesOfOthers drop the other processes'
	// heartbeats and leases (a SQLite file held by this process alone).
	sqlForgetOthers   = `DELETE FROM releasebot_replica WHERE id <> ?`
	sqlLeasesOfOthers = `DELETE FROM releasebot_lease WHERE owner <> ?`
	sqlGetState       = `SELECT at FROM releasebot_state WHERE name = ?`
	sqlSetState       = `INSERT INTO releasebot_state (name, at) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET at = excluded.at`
	sqlExpire         = `DELETE FROM releasebot_delivery WHERE id IN (SELECT id FROM releasebot_delivery WHERE expires_at < ? LIMIT 1000)`
	sqlOldLeases      = `DELETE FROM releasebot_lease WHERE expires_at < ?`
	sqlOldReplica     = `DELETE FROM releasebot_replica WHERE seen_at < ?`
	sqlPing           = `SELECT 1`
)

// dialect is the SQL that differs between SQLite and Postgres.
type dialect struct {
	name string
	// numbered: Postgres wants $1, $2… where the statements say ?.
	numbered bool
	// findWaiting finds the waiting job with a merge key (id, args as
	// JSON), locking it; setArgs replaces a job's args; replaceWaiting
	// replaces the args of the waiting job with a merge key (args, key).
	// Two replicas enqueueing a new key at the same moment may both
	// insert a job: their leases make the two run one after the other.
	findWaiting, setArgs, replaceWaiting string
	// newer counts the waiting jobs with a merge key other than a job.
	newer string
	// running lists the running jobs (id, attempt, the client that took
	// it last); reclaim makes one available again.
	running, reclaim string
	// stats counts the jobs by state with the age of the oldest.
	stats string
}

// bind numbers the ? placeholders for Postgres.
func (d *dialect) bind(query string) string {
	if !d.numbered {
		return query
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

var sqliteDialect = &dialect{
	name: "sqlite",
	findWaiting: `SELECT id, json(args) FROM river_job WHERE state IN ('available', 'scheduled') AND kind = '` + jobKindTask + `'
		AND json_extract(args, '$.merge') = ? ORDER BY id LIMIT 1`,
	setArgs: `UPDATE river_job SET args = jsonb(?) WHERE id = ?`,
	replaceWaiting: `UPDATE river_job SET args = jsonb(?) WHERE id = (SELECT id FROM river_job WHERE state IN ('available', 'scheduled')
		AND kind = '` + jobKindTask + `' AND json_extract(args, '$.merge') = ? ORDER BY id LIMIT 1)`,
	newer: `SELECT count(*) FROM river_job WHERE state IN ('available', 'scheduled') AND kind = '` + jobKindTask + `'
		AND json_extract(args, '$.merge') = ? AND id <> ?`,
	running: `SELECT id, attempt, coalesce(json_extract(attempted_by, '$[#-1]'), '') FROM river_job WHERE state = 'running'`,
	reclaim: `UPDATE river_job SET state = 'available', scheduled_at = datetime('now', 'subsec') WHERE id = ? AND state = 'running' AND attempt = ?`,
	stats: `SELECT state, count(*), coalesce((julianday('now') - julianday(min(created_at))) * 86400.0, 0) FROM river_job
		WHERE state IN ('available', 'scheduled', 'retryable', 'running') AND kind = '` + jobKindTask + `' GROUP BY state`,
}

var postgresDialect = &dialect{
	name:     "postgres",
	numbered: true,
	findWaiting: `SELECT id, args FROM river_job WHERE state IN ('available', 'scheduled') AND kind = '` + jobKindTask + `'
		AND args @> jsonb_build_object('merge', ?::text) ORDER BY id LIMIT 1 FOR UPDATE`,
	setArgs: `UPDATE river_job SET args = ?::jsonb WHERE id = ?`,
	replaceWaiting: `UPDATE river_job SET args = ?::jsonb WHERE id = (SELECT id FROM river_job WHERE state IN ('available', 'scheduled')
		AND kind = '` + jobKindTask + `' AND args @> jsonb_build_object('merge', ?::text) ORDER BY id LIMIT 1 FOR UPDATE)`,
	newer: `SELECT count(*) FROM river_job WHERE state IN ('available', 'scheduled') AND kind = '` + jobKindTask + `'
		AND args @> jsonb_build_object('merge', ?::text) AND id <> ?`,
	running: `SELECT id, attempt, coalesce(attempted_by[array_length(attempted_by, 1)], '') FROM river_job WHERE state = 'running'`,
	reclaim: `UPDATE river_job SET state = 'available', scheduled_at = now() WHERE id = ? AND state = 'running' AND attempt = ?`,
	stats: `SELECT state::text, count(*), coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 FROM river_job
		WHERE state IN ('available', 'scheduled', 'retryable', 'running') AND kind = '` + jobKindTask + `' GROUP BY state`,
}
