package main

import (
	"io"
	"os"
	"testing"
)

// BenchmarkNext runs `releasebot next` on the repository named by
// RELEASEBOT_BENCH_REPO (build one with ../shared/bench/mkrepo.sh); it is
// skipped without it. .ci/bench-core compares whole-process figures.
func BenchmarkNext(b *testing.B) {
	benchCommand(b, "next")
}

// BenchmarkChangelog runs `releasebot changelog` the same way.
func BenchmarkChangelog(b *testing.B) {
	benchCommand(b, "changelog")
}

func benchCommand(b *testing.B, name string) {
	dir := os.Getenv("RELEASEBOT_BENCH_REPO")
	if dir == "" {
		b.Skip("set RELEASEBOT_BENCH_REPO to a repository made by mkrepo.sh")
	}
	e := &env{stdout: io.Discard, stderr: io.Discard, getenv: func(string) string { return "" }}
	for b.Loop() {
		if code := run([]string{name, "-C", dir}, e); code != exitOK {
			b.Fatalf("exit %d", code)
		}
	}
}
