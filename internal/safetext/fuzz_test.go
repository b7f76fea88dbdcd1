package safetext

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func seed(f *testing.F) {
	for _, c := range attacks {
		f.Add(c.in)
	}
	for _, s := range []string{
		"", "plain", "`", "``", "\\", "&", "&#", "&#x40;x", "@", "@a/b.", "a@b", "fix #1", "x\n\n@y",
		"closes\n\n#1", "*fixes* #2", "`a``b`", "``` ```", "[a](<b>)", "www.example.com/@x", "https://x.io/@y",
		"fixes: ` `#1", "\\\\`@x`", "| a | b |\n|---|---|\n| @c | closes #4 |", "<a href='`'>@x</a>`",
	} {
		f.Add(s)
	}
}

// FuzzMarkdown checks Markdown's contract on any text: nothing in the
// result mentions, holds HTML, closes an issue or holds a control
// character, as a CommonMark parser reads it; it is stable; and it stays
// so where releasebot puts it (after a bold scope, after a closing
// keyword of surrounding text).
func FuzzMarkdown(f *testing.F) {
	seed(f)
	f.Fuzz(func(t *testing.T, s string) {
		out := Markdown(s)
		if !utf8.ValidString(out) {
			t.Fatalf("Markdown(%q) = %q is not UTF-8", s, out)
		}
		if v := violations(out); len(v) > 0 {
			t.Fatalf("Markdown(%q) = %q acts: %v", s, out, v)
		}
		if again := Markdown(out); again != out {
			t.Fatalf("not stable: Markdown(%q) = %q, then %q", s, out, again)
		}
		half := len(s) / 2
		for half > 0 && !utf8.RuneStart(s[half]) {
			half--
		}
		for _, md := range []string{
			"- **" + Markdown(s[:half]) + ":** " + Markdown(s[half:]) + " ([#12](https://github.com/o/r/pull/12))",
			"closes " + out,
			"| fix | " + strings.ReplaceAll(Markdown(strings.ReplaceAll(s, "\n", " ")), "|", `\|`) + " |",
		} {
			if v := violations(md); len(v) > 0 {
				t.Fatalf("in context, %q acts: %v", md, v)
			}
		}
	})
}

// FuzzPlain checks that Plain leaves no control character and no invalid
// UTF-8, is stable, and that Writer writes the same however the bytes are
// cut.
func FuzzPlain(f *testing.F) {
	seed(f)
	f.Add("\x1b]0;PWNED\x07\x1b[2J\u009b\xc2")
	f.Fuzz(func(t *testing.T, s string) {
		out := Plain(s)
		if !utf8.ValidString(out) {
			t.Fatalf("Plain(%q) = %q is not UTF-8", s, out)
		}
		for _, r := range out {
			if Control(r) {
				t.Fatalf("Plain(%q) = %q holds %U", s, out, r)
			}
		}
		if Plain(out) != out {
			t.Fatalf("Plain is not stable on %q", s)
		}
		var b strings.Builder
		w := &Writer{W: &b}
		for i := 0; i < len(s); i += 3 {
			w.Write([]byte(s[i:min(len(s), i+3)]))
		}
		w.Flush()
		if utf8.ValidString(s) && b.String() != out {
			t.Fatalf("Writer wrote %q, Plain gives %q", b.String(), out)
		}
	})
}
