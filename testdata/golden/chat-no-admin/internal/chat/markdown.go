// Answers are Markdown. They are turned into HTML here, on the server, and sanitised: a model
// can be talked into writing anything, including <script>, so its HTML is never trusted.

package chat

import (
	"bytes"
	"html/template"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
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
		// goldmark leaves raw HTML in the Markdown out by default; the policy is a second wall.
		converter: goldmark.New(goldmark.WithExtensions(extension.GFM)),
		policy:    policy,
	}
}

// Render returns source as sanitised HTML, ready for a template.
func (m *Markdown) Render(source string) (template.HTML, error) {
	var html bytes.Buffer
	if err := m.converter.Convert([]byte(source), &html); err != nil {
		return "", err
	}
	// The one place where the app trusts HTML: it has just been sanitised.
	return template.HTML(m.policy.SanitizeBytes(html.Bytes())), nil
}
