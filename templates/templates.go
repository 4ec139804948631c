// Package templates embeds the template tree of every feature; see README.md here.
package templates

import "embed"

// FS holds one folder per feature: templates/<feature>/feature.yaml and its files.
//
//go:embed all:*
var FS embed.FS
