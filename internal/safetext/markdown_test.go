package safetext

import "testing"

// attacks are commit texts that pinged, hid, closed or escaped before
// they went through Markdown, with what Markdown makes of them.
var attacks = []struct{ in, want string }{
	// Mentions, and the ways around the old wrapping.
	{"thanks @alice", "thanks `@alice`"},
	{"@org/team please", "`@org/team` please"},
	{`\@octocat`, "`@octocat`"},
	{"`@octocat", "\\``@octocat`"},
	{"@@octocat", "@`@octocat`"},
	{"&#64;octocat and &commat;hubot", "`@octocat` and `@hubot`"},
	{"_x_@octocat", "_x_`@octocat`"},
	{"*@octocat*", "*`@octocat`*"},
	{"(@bob)", "(`@bob`)"},
	// HTML that hides or closes what follows.
	{"fix: handle <br> tags", "fix: handle &lt;br&gt; tags"},
	{"<!-- the rest is hidden", "&lt;!-- the rest is hidden"},
	{"</details> closed early", "&lt;/details&gt; closed early"},
	{"<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"},
	// Closing keywords, in every form GitHub accepts.
	{"closes #1", "closes `#1`"},
	{"fixes acme/other#2", "fixes `acme/other#2`"},
	{"resolves GH-3", "resolves `GH-3`"},
	{"Fixed: #4, #5 and #6", "Fixed: `#4`, `#5` and `#6`"},
	{"**Closes** #7", "**Closes** `#7`"},
	{"RESOLVED https://github.com/acme/rocket/issues/8.", "RESOLVED `https://github.com/acme/rocket/issues/8`."},
	{"close [#9](https://github.com/acme/rocket/issues/9)", "close \\[`#9`](https://github.com/acme/rocket/issues/9)"},
	{"#10 first, as after a keyword", "`#10` first, as after a keyword"},
	{"fix\n#11", "fix\n`#11`"},
	{"closes\u00a0#12", "closes\u00a0`#12`"},
	{"fixes https://github.com/acme/rocket/issues/13", "fixes `https://github.com/acme/rocket/issues/13`"},
	// Block structure at the start of a line.
	{"# Migration", `\# Migration`},
	{"```\nunclosed", "\\`\\`\\`\nunclosed"},
	{"~~~", `\~~~`},
	{"[x]: https://example.com/track", `\[x]: https://example.com/track`},
	{"text\n---", "text\n\\---"},
	{"$$\n\\phantom{x}", "\\$$\n\\phantom{x}"},
	// Terminal escapes and broken bytes.
	{"\x1b]0;PWNED\x07\x1b[2Jdone", "]0;PWNED[2Jdone"},
	{"a\u009b31mb\x7f", "a31mb"},
	{"bad \xff byte", "bad \uFFFD byte"},
	{"line\r\nends", "line\nends"},
}

func TestMarkdownNeutralizesAttacks(t *testing.T) {
	for _, c := range attacks {
		got := Markdown(c.in)
		if got != c.want {
			t.Errorf("Markdown(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
		if v := violations(got); len(v) > 0 {
			t.Errorf("Markdown(%q) = %q still acts: %v", c.in, got, v)
		}
	}
}

// TestOracleSeesTheAttacks keeps the oracle honest: the raw attacks are
// what it must catch.
func TestOracleSeesTheAttacks(t *testing.T) {
	for _, in := range []string{
		"thanks @alice", `\@octocat`, "`@octocat", "@@octocat", "&#64;octocat", "_x_@octocat",
		"fix: handle <br> tags", "<!-- hidden", "</details>",
		"closes #1", "fixes acme/other#2", "resolves GH-3", "**Closes** #7", "fix: \\#12",
		"\x1b[2J",
	} {
		if len(violations(in)) == 0 {
			t.Errorf("the oracle finds nothing wrong with %q", in)
		}
	}
}

// TestMarkdownKeepsTextReadable: ordinary commit text is written as it
// came, and what needed escaping still reads the same once rendered.
func TestMarkdownKeepsTextReadable(t *testing.T) {
	same := []string{
		"add a --dry-run flag to bump",
		"mail dev@example.com or first.last@example.org",
		"use `<br>` in templates, and `@Deprecated` annotations",
		"see #12 and acme/other#3 for the background",
		"fix crash (#9) when the config is empty",
		"R&D notes",
		`C:\dir\file and a\b`,
		"**bold**, _em_, [a link](https://example.com) and ~~gone~~",
		"trailing @ and @-not-a-user",
		"prefix #1 is not a keyword",
		"héllo wörld 🎉",
		"- a list\n- of items\n\n1. numbered",
	}
	for _, in := range same {
		if got := Markdown(in); got != in {
			t.Errorf("Markdown(%q) = %q, want it unchanged", in, got)
		}
	}
	for in, reads := range map[string]string{
		"fix: handle <br> tags":      "fix: handle <br> tags",
		"a < b && c > d":             "a < b && c > d",
		"3 < 4 is false":             "3 < 4 is false",
		"closes #1":                  "closes #1",
		`\@octocat and @@x`:          "@octocat and @@x",
		"# Migration":                "# Migration",
		"&lt;b&gt; &amp; &notanent;": "<b> & &notanent;",
	} {
		if got := shown(Markdown(in)); got != reads {
			t.Errorf("Markdown(%q) reads %q, want %q", in, got, reads)
		}
	}
}

func TestMarkdownKeepsCodeSpansApart(t *testing.T) {
	for in, want := range map[string]string{
		"`a` and `b`":     "`a` and `b`",
		"``a ` b``":       "``a ` b``",
		"` `` `":          "` `` `",
		"`x`@y":           "`x@y`",
		"\\`@y\\`":        "\\``@y`\\`",
		"x\\":             `x\\`,
		"x\\\\":           `x\\`,
		"fixes ` `#1":     "fixes ` #1`",
		"closes `#1`":     "closes `#1`",
		"`closes` #1":     "`closes` `#1`",
		"a ``` b ```":     "a `b`",
		"lone ` backtick": "lone \\` backtick",
	} {
		got := Markdown(in)
		if got != want {
			t.Errorf("Markdown(%q) = %q, want %q", in, got, want)
		}
		if v := violations(got); len(v) > 0 {
			t.Errorf("Markdown(%q) = %q acts: %v", in, got, v)
		}
	}
}

func TestMarkdownIsStable(t *testing.T) {
	for _, c := range attacks {
		once := Markdown(c.in)
		if twice := Markdown(once); twice != once {
			t.Errorf("Markdown(Markdown(%q)) = %q, not %q", c.in, twice, once)
		}
	}
}

func TestPlainDropsControlCharacters(t *testing.T) {
	in := "feat: x\x1b]0;PWNED\x07\x1b[2J\r\u0085\u009b\x7f\tend\n\xfe"
	want := "feat: x]0;PWNED[2J\tend\n\uFFFD"
	if got := Plain(in); got != want {
		t.Errorf("Plain = %q, want %q", got, want)
	}
	if got := Plain("plain text\n"); got != "plain text\n" {
		t.Errorf("Plain changed clean text: %q", got)
	}
}
