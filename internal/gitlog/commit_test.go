package gitlog

import (
	"slices"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// compareWithGoGit parses raw with parseHeader and with go-git's decoder
// and reports any difference in what Range uses.
func compareWithGoGit(t *testing.T, raw []byte) {
	t.Helper()
	obj := &plumbing.MemoryObject{}
	obj.SetType(plumbing.CommitObject)
	obj.Write(raw)
	want, wantErr := object.DecodeCommit(nil, obj)
	got, err := parseHeader(raw)
	if wantErr != nil {
		return // malformed for go-git: parseHeader may fail or not
	}
	if err != nil {
		t.Fatalf("parseHeader failed where go-git did not: %v\n%q", err, raw)
	}
	var wantWhen int64
	if !want.Committer.When.IsZero() {
		wantWhen = want.Committer.When.Unix()
	}
	name, when := string(signatureName(got.author)), signatureTime(got.author)
	_, wantOff := want.Author.When.Zone()
	_, gotOff := when.Zone()
	switch {
	case !slices.Equal(got.parents, want.ParentHashes):
		t.Errorf("parents %v, go-git %v\n%q", got.parents, want.ParentHashes, raw)
	case got.when != wantWhen:
		t.Errorf("committer time %d, go-git %d\n%q", got.when, wantWhen, raw)
	case string(got.body) != want.Message:
		t.Errorf("message %q, go-git %q\n%q", got.body, want.Message, raw)
	case name != want.Author.Name:
		t.Errorf("author %q, go-git %q\n%q", name, want.Author.Name, raw)
	case !when.Equal(want.Author.When) || gotOff != wantOff:
		t.Errorf("author time %v, go-git %v\n%q", when, want.Author.When, raw)
	}
}

const (
	tree   = "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"
	parent = "parent 0123456789abcdef0123456789abcdef01234567\n"
)

var commitSeeds = []string{
	tree + parent + "author A U Thor <a@example.com> 1700000000 +0130\ncommitter C <c@x> 1700000100 -0700\n\nfeat: x\n\nbody\n",
	tree + "author A <a@x> 1 +0000\ncommitter C <c@x> 2 +0000\n\nroot\n",
	tree + parent + parent + "author A <a@x> 1 +0000\ncommitter C <c@x> 2 +0000\n" +
		"mergetag object 0123\n type commit\n tag v1\n\n signed\ngpgsig -----BEGIN PGP SIGNATURE-----\n \n abc\n -----END PGP SIGNATURE-----\n\nMerge\n\n\nx",
	tree + "committer C <c@x> 2 +0000\nauthor A <a@x> 1 +0000\n\nout of order\n",
	tree + "author A <a@x> 1 +0000\nparent 0123456789abcdef0123456789abcdef01234567\ncommitter C <c@x> 2\n\nlate parent",
	tree + parent + "author  Spaced  Name  <a@x> 1700000000 -0030\ncommitter <> x\n\n",
	tree + "author broken\ncommitter C <c@x> 99999999999999999999 +0000\n\nno newline",
	tree + "encoding ISO-8859-1\nauthor A <a@x> 1 +0000\n",
	tree + parent,
	tree,
}

func TestParseHeaderMatchesGoGit(t *testing.T) {
	for _, s := range commitSeeds {
		compareWithGoGit(t, []byte(s))
	}
	if _, err := parseHeader([]byte("parent x\n\n")); err == nil {
		t.Error("a commit without a tree parsed")
	}
	if _, err := parseHeader([]byte(tree + "parent 12\n\n")); err == nil {
		t.Error("a bad parent hash parsed")
	}
}

// TestParseHeaderOnRealCommits compares with go-git on commits written by
// the git binary, with merges, unusual names and time zones.
func TestParseHeaderOnRealCommits(t *testing.T) {
	f := newFixture(t)
	f.commit("feat: one\n\nBody.\n\nBREAKING CHANGE: x")
	f.git("switch", "-q", "-c", "b")
	f.git("-c", "user.name= José  Ñ ", "commit", "-q", "--allow-empty", "-m", "fix: two")
	f.git("switch", "-q", "main")
	f.commit("chore: three")
	f.merge("b")
	r := f.open()
	for _, h := range f.revList("HEAD") {
		raw, err := r.readCommit(plumbing.NewHash(h))
		if err != nil {
			t.Fatal(err)
		}
		compareWithGoGit(t, raw)
	}
}

func FuzzParseHeader(f *testing.F) {
	for _, s := range commitSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		compareWithGoGit(t, raw)
	})
}
