package action

import (
	"bytes"
	"testing"
)

func TestWorkflowCommandsAreEscaped(t *testing.T) {
	var b bytes.Buffer
	errorCommand(&b, annotation{File: "conf/a,b:c.yml", Line: 3, Title: "releasebot: bad", Msg: "100% wrong\r\nsee docs"})
	want := "::error file=conf/a%2Cb%3Ac.yml,line=3,title=releasebot%3A bad::100%25 wrong%0D%0Asee docs\n"
	if b.String() != want {
		t.Errorf("got  %q\nwant %q", b.String(), want)
	}
	b.Reset()
	errorCommand(&b, annotation{Line: 3, Title: "releasebot", Msg: "no file"})
	if want := "::error title=releasebot::no file\n"; b.String() != want {
		t.Errorf("a line without a file: got %q, want %q", b.String(), want)
	}
	b.Reset()
	mask(&b, "")
	mask(&b, "s3cr%t")
	group(&b, "a\nb")
	endGroup(&b)
	if want := "::add-mask::s3cr%25t\n::group::a%0Ab\n::endgroup::\n"; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}

func TestPlainLogLine(t *testing.T) {
	for md, want := range map[string]string{
		"**Released [v1.0.0](https://x/r)** from [#1](https://x/p), tagged on [`abc1234`](https://x/c).": "Released v1.0.0 (https://x/r) from #1 (https://x/p), tagged on abc1234 (https://x/c).",
		"Nothing to do: push to feature\\_x, a \\| b &lt;c&gt; \\*d\\*":                                  "Nothing to do: push to feature_x, a | b <c> *d*",
	} {
		if got := plain(md); got != want {
			t.Errorf("plain(%q)\n got %q\nwant %q", md, got, want)
		}
	}
}
