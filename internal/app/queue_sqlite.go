package app

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"

	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	_ "modernc.org/sqlite" // the pure-Go SQLite: the binary stays static
)

// sqliteStore is a SQLite file, for one replica. SQLite takes one writer
// at a time, so the pool has one connection: River's work and the
// webhook's enqueues take turns, each a short transaction. WAL with
// synchronous=NORMAL makes a commit survive the process being killed (not
// a power cut: the last commits before one may be lost).
type sqliteStore struct {
	sqlQuerier
	db   *sql.DB
	lock *os.File
}

var _ store[*sql.Tx] = (*sqliteStore)(nil)

// openSQLite opens (creating it) the SQLite queue at path. It takes an
// exclusive lock on PATH-lock for the process's life: a second process
// on the same file is refused, and the jobs found running at start were
// left by a dead one.
func openSQLite(ctx context.Context, path string) (*sqliteStore, error) {
	lock, err := lockFile(path + "-lock")
	if err != nil {
		return nil, err
	}
	dsn := path + "?_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=busy_timeout(10000)&_pragma=foreign_keys(ON)&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		unlockFile(lock)
		return nil, err
	}
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)
	s := &sqliteStore{sqlQuerier: sqlQuerier{db}, db: db, lock: lock}
	if err := db.PingContext(ctx); err != nil {
		s.close()
		return nil, err
	}
	return s, nil
}

func (s *sqliteStore) driver() riverdriver.Driver[*sql.Tx] { return riversqlite.New(s.db) }
func (s *sqliteStore) dialect() *dialect                   { return sqliteDialect }
func (s *sqliteStore) sole() bool                          { return s.lock != nil }

// alone: the file is this process's alone (see openSQLite).
func (s *sqliteStore) alone(_ context.Context, fn func() error) error { return fn() }

func (s *sqliteStore) inTx(ctx context.Context, fn func(tx *sql.Tx, q querier) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx, sqlQuerier{tx}); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

func (s *sqliteStore) close() {
	s.db.Close()
	unlockFile(s.lock)
}

// sqlQuerier runs statements on a database/sql pool or transaction.
type sqlQuerier struct {
	q interface {
		ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
		QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
		QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	}
}

func (q sqlQuerier) exec(ctx context.Context, query string, args ...any) (int64, error) {
	res, err := q.q.ExecContext(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func (q sqlQuerier) row(ctx context.Context, query string, args []any, dest ...any) error {
	err := q.q.QueryRowContext(ctx, query, args...).Scan(dest...)
	if errors.Is(err, sql.ErrNoRows) {
		return errNoRows
	}
	return err
}

func (q sqlQuerier) each(ctx context.Context, query string, args []any, scan func(scanner) error) error {
	rows, err := q.q.QueryContext(ctx, query, args...)
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

// errLocked: another process holds the queue file.
var errLocked = errors.New("another releasebot serve is using this SQLite queue; one file serves one replica (several replicas share a postgres:// queue)")

func lockedError(path string) error { return fmt.Errorf("%s-lock: %w", path, errLocked) }
