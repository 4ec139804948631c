// Assets decides once, at start, where the CSS and JavaScript come from: the files built by
// `npm run build` when they are embedded, otherwise pinned versions from the jsDelivr CDN.

package web

import (
	"io/fs"
	"strings"
)

// CDNHost is where the pinned CDN files come from, for the Content-Security-Policy to allow.
const CDNHost = "https://cdn.jsdelivr.net"

// CDN links, pinned to the same versions as package.json so both ways look the same.
const (
	cdnHTMX = "https://cdn.jsdelivr.net/npm/htmx.org@2.0.11/dist/htmx.min.js"
	// Alpine's CSP build: it reads x-data, @click and x-text without eval, which the
	// Content-Security-Policy (internal/server/csp.go) forbids.
	cdnAlpine = "https://cdn.jsdelivr.net/npm/@alpinejs/csp@3.17.4/dist/cdn.min.js"
	cdnDaisy  = "https://cdn.jsdelivr.net/npm/daisyui@5.8.1/daisyui.css"
	// Without a CSS build, Tailwind's browser script generates the utility classes in the page.
	cdnTailwindBrowser = "https://cdn.jsdelivr.net/npm/@tailwindcss/browser@4.3.4/dist/index.global.js"
)

// Assets holds the URL of each CSS and JavaScript file the layout includes.
type Assets struct {
	Stylesheet      string
	TailwindBrowser string // empty when the built app.css already has every class
	HTMX            string
	Alpine          string
}

// AssetsFrom picks, file by file, the local copy under static/dist/ when fsys has it and
// the CDN link when not.
func AssetsFrom(fsys fs.FS) Assets {
	local := func(name, cdn string) string {
		if _, err := fs.Stat(fsys, "static/dist/"+name); err == nil {
			return "/static/dist/" + name
		}
		return cdn
	}
	assets := Assets{
		Stylesheet: local("app.css", cdnDaisy),
		HTMX:       local("htmx.min.js", cdnHTMX),
		Alpine:     local("alpine.min.js", cdnAlpine),
	}
	if assets.Stylesheet == cdnDaisy {
		assets.TailwindBrowser = cdnTailwindBrowser
	}
	return assets
}

// FromCDN reports whether any file comes from the CDN (the app was built without
// `npm run build`), so the Content-Security-Policy must allow that host.
func (a Assets) FromCDN() bool {
	for _, url := range []string{a.Stylesheet, a.TailwindBrowser, a.HTMX, a.Alpine} {
		if strings.HasPrefix(url, CDNHost+"/") {
			return true
		}
	}
	return false
}

// Assets returns where the layout's CSS and JavaScript come from.
func (r *Renderer) Assets() Assets {
	return r.assets
}
