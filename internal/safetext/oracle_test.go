package safetext

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	xhtml "golang.org/x/net/html"
)

// The oracle reads Markdown the way GitHub does, with a CommonMark parser
// (GFM extensions on) that shares no code with Markdown, and checks what
// GitHub would act on: raw HTML, mentions in text that its filters see,
// closing keywords followed by a reference.

var gfm = goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(html.WithUnsafe()))

var (
	// liveMention is an @ that GitHub's mention filter may take: no
	// letter, digit or underscore before it in the same text node.
	liveMention = regexp.MustCompile(`(?:^|[^A-Za-z0-9_])@[A-Za-z0-9]`)
	// closing is a closing keyword followed by a reference, in the text
	// a reader sees (code spans replaced by NUL, other elements' edges
	// marked by \x01: a reference lies within one text node).
	closing = regexp.MustCompile(`(?i)(?:^|[^a-z0-9])(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\b[\s:\x01]*(?:#[0-9]|gh-[0-9]|[a-z0-9_.-]+/[a-z0-9_.-]+#[0-9]|https?://|www\.)`)
	// rawClosing is the same in the Markdown source itself.
	rawClosing = regexp.MustCompile(`(?i)(?:^|[^a-z0-9])(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?):?[ \t]+(?:#[0-9]|gh-[0-9]|[a-z0-9_.-]+/[a-z0-9_.-]+#[0-9]|https?://)`)
)

// violations lists what GitHub would act on in the Markdown md.
func violations(md string) []string {
	var out []string
	for _, r := range md {
		if Control(r) {
			out = append(out, fmt.Sprintf("control character %U", r))
			break
		}
	}
	src := []byte(md)
	doc := gfm.Parser().Parse(text.NewReader(src))
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && (n.Kind() == ast.KindRawHTML || n.Kind() == ast.KindHTMLBlock) {
			out = append(out, "raw HTML")
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	var buf bytes.Buffer
	if err := gfm.Renderer().Render(&buf, src, doc); err != nil {
		return append(out, "render: "+err.Error())
	}
	dom, err := xhtml.Parse(&buf)
	if err != nil {
		return append(out, "parse: "+err.Error())
	}
	walkText(dom, func(s string) {
		if m := liveMention.FindString(s); m != "" {
			out = append(out, fmt.Sprintf("live mention %q in text %q", m, s))
		}
	})
	for _, block := range blockTexts(dom) {
		if m := closing.FindString(block); m != "" {
			out = append(out, fmt.Sprintf("closing reference %q in %q", m, block))
		}
	}
	if m := rawClosing.FindString(md); m != "" {
		out = append(out, fmt.Sprintf("closing reference %q in the source", m))
	}
	return out
}

// walkText calls f with every text node outside code, pre and links,
// where GitHub's mention filter looks.
func walkText(n *xhtml.Node, f func(string)) {
	if n.Type == xhtml.ElementNode && (n.Data == "code" || n.Data == "pre" || n.Data == "a") {
		return
	}
	if n.Type == xhtml.TextNode {
		f(n.Data)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walkText(c, f)
	}
}

// blockTexts returns the text of each paragraph-like element as a reader
// sees it, links included, each code element replaced by a NUL.
func blockTexts(n *xhtml.Node) []string {
	var out []string
	var walk func(*xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode {
			switch n.Data {
			case "p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6":
				var b strings.Builder
				inline(n, &b)
				out = append(out, b.String())
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func inline(n *xhtml.Node, b *strings.Builder) {
	switch {
	case n.Type == xhtml.TextNode:
		b.WriteString(n.Data)
		return
	case n.Type == xhtml.ElementNode && (n.Data == "code" || n.Data == "pre"):
		b.WriteByte(0)
		return
	case n.Type == xhtml.ElementNode && n.Data == "br":
		b.WriteByte('\n')
	case n.Type == xhtml.ElementNode:
		b.WriteByte(1)
		defer b.WriteByte(1)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		inline(c, b)
	}
}

// shown is the text a reader sees in md, code included, blocks on lines.
func shown(md string) string {
	var buf bytes.Buffer
	gfm.Convert([]byte(md), &buf)
	dom, _ := xhtml.Parse(&buf)
	var b strings.Builder
	var walk func(*xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(dom)
	return strings.TrimSpace(b.String())
}
