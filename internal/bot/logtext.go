package bot

import (
	"context"
	"io"
	"log/slog"
	"sync"
)

// The bot's log. Each thing the bot does (or, in a dry run, would do) is
// one slog record at level Info, or Warn when something failed that the
// run carries on without:
//
//   - its message is the whole sentence a person reads, with the values
//     in it: "opened release pull request #12 for v1.3.0";
//   - its attributes repeat those values under fixed lower-case keys, for
//     a machine: pull (a pull request number), release (what a release
//     pull request proposes: a tag or "2 packages"), tag, version, bump
//     (major, minor, patch), package, branch, ref, commit (a full SHA
//     where the message shows it short), url, latest, reason, error; a dry
//     run's records name the fields of the write (title, base, labels,
//     subject, files, ...) and carry dry_run=true, and a bot working for
//     one package's own pull request adds package to all of its records.
//
// So the message alone (PlainLogger, for the CLI and the Action) reads as
// it always did, and a structured handler (the App's JSON) gets the
// sentence and the keys, next to those its logger already carries.

// PlainLogger renders the bot's records on w as the CLI and the Action
// print them: the message alone and a newline, one Write per record.
// Attributes and groups are dropped; records below Info are not written.
func PlainLogger(w io.Writer) *slog.Logger {
	return slog.New(&plainHandler{w: w, mu: &sync.Mutex{}})
}

// plainHandler is the slog.Handler of PlainLogger. Its copies (WithAttrs,
// WithGroup) share the writer and its lock.
type plainHandler struct {
	w  io.Writer
	mu *sync.Mutex
}

var _ slog.Handler = (*plainHandler)(nil)

func (h *plainHandler) Enabled(_ context.Context, l slog.Level) bool { return l >= slog.LevelInfo }

func (h *plainHandler) Handle(_ context.Context, r slog.Record) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	_, err := io.WriteString(h.w, r.Message+"\n")
	return err
}

func (h *plainHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *plainHandler) WithGroup(string) slog.Handler      { return h }

// discard is the logger of a bot or dry run given none.
var discard = slog.New(slog.DiscardHandler)

// orDiscard is l, or a logger that drops everything when l is nil.
func orDiscard(l *slog.Logger) *slog.Logger {
	if l == nil {
		return discard
	}
	return l
}
