// Package scaffolds holds the templates of `fastopp add model` and `fastopp add page`. Like
// the feature templates, each folder mirrors the files it writes in the app; a [name] in a
// path is replaced by that name of the model or page ([table], [version], [file]).
// snippets.tmpl holds the Go and SQL that several model files write alike (a sample value,
// a fixture row, a field shown on a page); the generator passes the data.
package scaffolds

import "embed"

// FS holds every scaffold template.
//
//go:embed all:model all:page snippets.tmpl
var FS embed.FS
