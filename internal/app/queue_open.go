package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// openQueue opens the queue a setting names (see parseQueue). A durable
// queue is migrated and written once: a queue that is malformed,
// unreachable or not writable is an error naming --queue.
func openQueue(setting string, o queueOptions, exec executor) (workQueue, error) {
	u, err := parseQueue(setting)
	if err != nil {
		return nil, fmt.Errorf("%v (--queue, RELEASEBOT_QUEUE)", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	switch u.kind {
	case "sqlite":
		st, err := openSQLite(ctx, u.path)
		if err != nil {
			return nil, fmt.Errorf("cannot open the queue %s (--queue, RELEASEBOT_QUEUE): %s", u, oneLine(err))
		}
		return durable(ctx, st, u, o, exec)
	case "postgres":
		st, err := openPostgres(ctx, u.dsn, o.workers)
		if err != nil {
			return nil, fmt.Errorf("cannot reach the queue %s (--queue, RELEASEBOT_QUEUE): %s", u, oneLine(err))
		}
		return durable(ctx, st, u, o, exec)
	}
	return newQueue(o, exec), nil
}

// durable opens the River queue on st, closing st when it fails.
func durable[TTx any](ctx context.Context, st store[TTx], u queueURL, o queueOptions, exec executor) (workQueue, error) {
	q, err := openRiver(ctx, st, u.String(), o, exec)
	if err != nil {
		st.close()
		return nil, fmt.Errorf("cannot use the queue %s (--queue, RELEASEBOT_QUEUE): %s", u, oneLine(err))
	}
	return q, nil
}

// oneLine joins the lines of an error (pgx lists each address it tried),
// dropping repeated ones.
func oneLine(err error) string {
	var parts []string
	for _, l := range strings.Split(err.Error(), "\n") {
		if l = strings.TrimSpace(l); l != "" && !slices.Contains(parts, l) {
			parts = append(parts, strings.TrimSuffix(l, ":"))
		}
	}
	return strings.Join(parts, ": ")
}
