// listRow.HTML writes a row as html/template would: the same bytes for every kind of text a
// row can hold, hostile text first.

package admin

import (
	"html/template"
	"strings"
	"testing"
)

// rowTemplate is the markup listRow.HTML writes, as html/template prints it.
var rowTemplate = template.Must(template.New("row").Parse(`<tr>` +
	`{{if .CanDelete }}<td><input type="checkbox" name="id" value="{{ .Row.ID }}" class="checkbox checkbox-sm" aria-label="Select #{{ .Row.ID }}"></td>{{ end }}` +
	`<td><a id="admin-row-{{ .Row.ID }}" class="admin-row-link link" href="{{ .Row.URL }}">{{ .Row.Link }}</a></td>` +
	`{{ $thumbnails := .Row.Thumbnails }}{{ range $i, $cell := .Row.Cells }}<td>` +
	`{{ with and $thumbnails (index $thumbnails $i) }}<img src="{{ . }}" alt="" class="admin-thumbnail h-12 rounded" loading="lazy">{{ else }}{{ $cell }}{{ end }}` +
	`</td>{{ end }}` +
	`</tr>`))

func TestListRowHTMLIsWhatHTMLTemplateWrites(t *testing.T) {
	texts := []string{
		"", "plain words", "Crème brûlée 🍮", "a & b", "1 < 2 > 0", `"double" and 'single' quotes`,
		"<script>alert(1)</script>", `"><img src=x onerror=alert(1)>`, "' onmouseover='alert(1)",
		"javascript:alert(1)", "&amp; already escaped", "&#60;", "line\nbreak\ttab", "nul\x00byte",
		"{{ .Template }}", "</td></tr></table>", "\u2028\u2029", "invalid \xff utf-8", "1 + 1 = 2", "`backticks` = and <!-- comment -->",
	}
	for _, text := range texts {
		for _, c := range []struct{ canDelete, thumbnail bool }{
			{true, false}, {false, false}, {true, true},
		} {
			canDelete := c.canDelete
			row := newListRow(notesTable, Row{ID: 42, Values: map[string]any{"body": text}}, nil, nil)
			row.Cells = append(row.Cells, text, "second "+text)
			if c.thumbnail { // the last cell is an Image's: its thumbnail shows instead of its key
				row.Thumbnails = make([]string, len(row.Cells))
				row.Thumbnails[len(row.Cells)-1] = "/uploads/0a1b2c3d4e5f.jpg"
			}
			var want strings.Builder
			if err := rowTemplate.Execute(&want, map[string]any{"Row": row, "CanDelete": canDelete}); err != nil {
				t.Fatal(err)
			}
			if got := string(row.HTML(canDelete)); got != want.String() {
				t.Errorf("row with %q (canDelete %v):\n got %s\nwant %s", text, canDelete, got, want.String())
			}
		}
	}
}
