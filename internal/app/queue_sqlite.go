package app

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

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
	// ckpt is a second connection that copies the WAL into the database
	// every second (see checkpoints); stop ends it.
	ckpt *sql.DB
	stop chan struct{}
	done chan struct{}
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
	// No checkpoint on commit: a checkpoint writes the database file and
	// syncs it, which would stall the webhook's commits now and then.
	pragmas := "?_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=busy_timeout(10000)&_pragma=foreign_keys(ON)"
	db, err := sql.Open("sqlite", path+pragmas+"&_pragma=wal_autocheckpoint(0)&_txlock=immediate")
	if err != nil {
		unlockFile(lock)
		return nil, err
	}
	ckpt, err := sql.Open("sqlite", path+pragmas)
	if err != nil {
		db.Close()
		unlockFile(lock)
		return nil, err
	}
	ckpt.SetMaxOpenConns(1)
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)
	s := &sqliteStore{sqlQuerier: sqlQuerier{db: db, stmts: &stmtCache{m: map[string]*sql.Stmt{}}}, db: db, lock: lock, ckpt: ckpt, stop: make(chan struct{}), done: make(chan struct{})}
	if err := db.PingContext(ctx); err != nil {
		close(s.done)
		s.close()
		return nil, err
	}
	go s.checkpoints()
	return s, nil
}

// checkpoints copies the WAL into the database every second, beside the
// writers (a passive checkpoint waits for no one), until close.
func (s *sqliteStore) checkpoints() {
	defer close(s.done)
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-tick.C:
			s.ckpt.Exec("PRAGMA wal_checkpoint(PASSIVE)")
		}
	}
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
	if err := fn(tx, sqlQuerier{db: s.db, tx: tx, stmts: s.stmts}); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

func (s *sqliteStore) close() {
	close(s.stop)
	<-s.done
	s.ckpt.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	s.ckpt.Close()
	s.db.Close()
	unlockFile(s.lock)
}

// sqlQuerier runs statements on a database/sql pool, or on tx when set,
// each prepared once (SQLite's parsing is a good part of a statement's
// cost).
type sqlQuerier struct {
	db    *sql.DB
	tx    *sql.Tx
	stmts *stmtCache
}

type stmtCache struct {
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

// stmt returns query prepared, for tx when set; nil in a transaction
// when it was not prepared before (preparing on the pool would wait for
// the transaction's connection, the pool's only one).
func (q sqlQuerier) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	q.stmts.mu.Lock()
	st, ok := q.stmts.m[query]
	q.stmts.mu.Unlock()
	switch {
	case ok && q.tx != nil:
		return q.tx.StmtContext(ctx, st), nil
	case ok:
		return st, nil
	case q.tx != nil:
		return nil, nil
	}
	st, err := q.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	q.stmts.mu.Lock()
	defer q.stmts.mu.Unlock()
	if old, ok := q.stmts.m[query]; ok {
		st.Close()
		return old, nil
	}
	q.stmts.m[query] = st
	return st, nil
}

// warm prepares the statements transactions run.
func (s *sqliteStore) warm(ctx context.Context, queries ...string) error {
	for _, query := range queries {
		if _, err := s.stmt(ctx, query); err != nil {
			return err
		}
	}
	return nil
}

func (q sqlQuerier) exec(ctx context.Context, query string, args ...any) (int64, error) {
	st, err := q.stmt(ctx, query)
	if err != nil {
		return 0, err
	}
	var res sql.Result
	if st != nil {
		res, err = st.ExecContext(ctx, args...)
	} else {
		res, err = q.tx.ExecContext(ctx, query, args...)
	}
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func (q sqlQuerier) row(ctx context.Context, query string, args []any, dest ...any) error {
	st, err := q.stmt(ctx, query)
	if err != nil {
		return err
	}
	if st != nil {
		err = st.QueryRowContext(ctx, args...).Scan(dest...)
	} else {
		err = q.tx.QueryRowContext(ctx, query, args...).Scan(dest...)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return errNoRows
	}
	return err
}

func (q sqlQuerier) each(ctx context.Context, query string, args []any, scan func(scanner) error) error {
	st, err := q.stmt(ctx, query)
	if err != nil {
		return err
	}
	var rows *sql.Rows
	if st != nil {
		rows, err = st.QueryContext(ctx, args...)
	} else {
		rows, err = q.tx.QueryContext(ctx, query, args...)
	}
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
