package app

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
)

// pgStore is a Postgres database shared by the replicas.
type pgStore struct {
	pgQuerier
	pool *pgxpool.Pool
}

var _ store[pgx.Tx] = (*pgStore)(nil)

// openPostgres connects to the database at dsn (within 10 s) and checks
// that it answers.
func openPostgres(ctx context.Context, dsn string, workers int) (*pgStore, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, err
	}
	if cfg.ConnConfig.ConnectTimeout == 0 || cfg.ConnConfig.ConnectTimeout > 10*time.Second {
		cfg.ConnConfig.ConnectTimeout = 10 * time.Second
	}
	// River's fetches, completions and notifications, the workers'
	// leases, and the webhook's enqueues.
	cfg.MaxConns = int32(max(10, workers+6))
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return &pgStore{pgQuerier{pool}, pool}, nil
}

func (s *pgStore) driver() riverdriver.Driver[pgx.Tx] { return riverpgxv5.New(s.pool) }
func (s *pgStore) dialect() *dialect                  { return postgresDialect }

// warm: pgx prepares and caches the statements it runs.
func (s *pgStore) warm(context.Context, ...string) error { return nil }
func (s *pgStore) sole() bool                            { return false }
func (s *pgStore) close()                                { s.pool.Close() }

// alone holds a session advisory lock on one connection while fn runs.
func (s *pgStore) alone(ctx context.Context, fn func() error) error {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	const key = "releasebot migrations"
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock(hashtext($1))", key); err != nil {
		return err
	}
	defer conn.Exec(context.Background(), "SELECT pg_advisory_unlock(hashtext($1))", key)
	return fn()
}

func (s *pgStore) inTx(ctx context.Context, fn func(tx pgx.Tx, q querier) error) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error { return fn(tx, pgQuerier{tx}) })
}

// pgQuerier runs statements on a pgx pool or transaction.
type pgQuerier struct {
	q interface {
		Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
		QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
		Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	}
}

func (q pgQuerier) exec(ctx context.Context, query string, args ...any) (int64, error) {
	tag, err := q.q.Exec(ctx, postgresDialect.bind(query), args...)
	return tag.RowsAffected(), err
}

func (q pgQuerier) row(ctx context.Context, query string, args []any, dest ...any) error {
	err := q.q.QueryRow(ctx, postgresDialect.bind(query), args...).Scan(dest...)
	if errors.Is(err, pgx.ErrNoRows) {
		return errNoRows
	}
	return err
}

func (q pgQuerier) each(ctx context.Context, query string, args []any, scan func(scanner) error) error {
	rows, err := q.q.Query(ctx, postgresDialect.bind(query), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
