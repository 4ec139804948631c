// Read this after list.go: the rows of a list's table, written out in Go. This file is an
// optimisation, not how pages are made: every other page leaves its HTML to html/template,
// which escapes each value it prints. That costs a few microseconds a value, and a list
// prints eight values a row, 50 rows a page: most of the time of a list page went there
// (docs/benchmarks.md in fastopp). So partials/admin_table.html prints each row whole, as
// HTML, and this file writes it, escaping every value as html/template does. list_rows_test.go
// checks that the result is the same, byte for byte, as html/template's.

package admin

import (
	"html/template"
	"strings"
)

// escapeHTML escapes text as html/template does, in text and in quoted attributes alike.
var escapeHTML = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

// RowsHTML is the <tr> of each row of the page, in order.
func (v listView) RowsHTML() template.HTML {
	var b strings.Builder
	b.Grow(len(v.Rows) * 400) // about what a row of a few short columns takes
	for _, r := range v.Rows {
		r.write(&b, v.CanDelete)
		b.WriteByte('\n')
	}
	return template.HTML(b.String())
}

// HTML is the row's <tr> alone.
func (r listRow) HTML(canDelete bool) template.HTML {
	var b strings.Builder
	r.write(&b, canDelete)
	return template.HTML(b.String())
}

// write writes the row's <tr>: a checkbox to select it (when canDelete), the link to its page,
// then its cells (an Image's as its thumbnail). rowTemplate in list_rows_test.go is the same markup as an html/template.
func (r listRow) write(b *strings.Builder, canDelete bool) {
	text := func(parts ...string) {
		for i, part := range parts {
			if i%2 == 0 {
				b.WriteString(part) // markup, as it is
			} else {
				escapeHTML.WriteString(b, part) // a value
			}
		}
	}
	b.WriteString("<tr>")
	if canDelete {
		text(`<td><input type="checkbox" name="id" value="`, r.ID, `" class="checkbox checkbox-sm" aria-label="Select #`, r.ID, `"></td>`)
	}
	// URL is /admin/<table>/<id>, made by newListRow from a table's name and a number: a path
	// on this site, with nothing html/template's URL filter would change.
	text(`<td><a id="admin-row-`, r.ID, `" class="admin-row-link link" href="`, r.URL, `">`, r.Link, `</a></td>`)
	for i, cell := range r.Cells {
		if r.Thumbnails != nil && r.Thumbnails[i] != "" {
			// An Image cell shows its thumbnail, /uploads/<key>: a path on this site, like URL.
			text(`<td><img src="`, r.Thumbnails[i], `" alt="" class="admin-thumbnail h-12 rounded" loading="lazy"></td>`)
			continue
		}
		text("<td>", cell, "</td>")
	}
	b.WriteString("</tr>")
}
