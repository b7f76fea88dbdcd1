package app

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// postgresEnv names the Postgres URL the tests create their databases
// with (a user allowed to CREATE DATABASE); .ci/run starts a throwaway
// cluster and sets it.
const postgresEnv = "RELEASEBOT_TEST_POSTGRES"

// queueSetting returns a --queue setting of kind for one test: "memory",
// a SQLite file in a temporary directory, or a new Postgres database
// (dropped at the end). Without RELEASEBOT_TEST_POSTGRES a Postgres test
// is skipped, except under CI, where it fails.
func queueSetting(t testing.TB, kind string) string {
	t.Helper()
	switch kind {
	case "sqlite":
		return "sqlite:" + filepath.Join(t.TempDir(), "queue.db")
	case "postgres":
		return postgresDatabase(t)
	}
	return "memory"
}

func postgresDatabase(t testing.TB) string {
	t.Helper()
	admin := os.Getenv(postgresEnv)
	if admin == "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not set: .ci/run starts a Postgres cluster for these tests", postgresEnv)
		}
		t.Skipf("no Postgres: set %s to a postgres:// URL whose user may create databases (.ci/run starts one)", postgresEnv)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		t.Fatalf("connecting to %s: %v", postgresEnv, err)
	}
	defer conn.Close(ctx)
	b := make([]byte, 6)
	rand.Read(b)
	name := "releasebot_test_" + hex.EncodeToString(b)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("creating a database: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if conn, err := pgx.Connect(ctx, admin); err == nil {
			conn.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
			conn.Close(ctx)
		}
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}
