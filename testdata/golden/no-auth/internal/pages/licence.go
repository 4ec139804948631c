// The licence page (/demo/licence): the app's licence and the libraries it is built from,
// with their versions, so anyone can see what the app ships and find each one's licence.
// The Go modules are read from the running binary itself (debug.ReadBuildInfo), so the list
// is always the one really built in; the npm packages are the versions fastopp pinned when
// it made the app (package.json, and the CDN links of internal/web/assets.go). Choose another licence by changing licence.txt.

package pages

import (
	_ "embed"
	"net/http"
	"runtime/debug"

	"myapp/internal/web"
)

// licenceText is licence.txt, built into the binary: the page needs no file at run time.
//
//go:embed licence.txt
var licenceText string

// Library is one library the app uses: its name, the version built in or served, and a page
// that shows its licence.
type Library struct {
	Name, Version, LicenceURL string
}

// licencePage is what templates/pages/licence.html shows.
type licencePage struct {
	Licence   string
	GoVersion string    // the Go toolchain that built the binary
	Modules   []Library // the Go modules compiled in, from the binary's build information
	Packages  []Library // the npm packages the pages use
}

// Licence shows the licence page. What it lists cannot change while the app runs, so it is
// read once, when the route is made.
func Licence(render *web.Renderer) http.Handler {
	page := licencePage{Licence: licenceText, GoVersion: "unknown", Packages: npmPackages()}
	// Go records the modules in every binary it builds (a test binary holds none).
	if info, ok := debug.ReadBuildInfo(); ok {
		page.GoVersion, page.Modules = info.GoVersion, goModules(info)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		render.Page(w, r, http.StatusOK, "licence", page)
	})
}

// goModules lists the modules of a binary's build information. A module replaced in go.mod
// is shown as its replacement: the code really compiled in.
func goModules(info *debug.BuildInfo) []Library {
	var modules []Library
	for _, m := range info.Deps {
		if m.Replace != nil {
			m = m.Replace
		}
		library := Library{Name: m.Path, Version: m.Version}
		if m.Version != "" { // a replacement by a local folder has no version, nor a page
			library.LicenceURL = "https://pkg.go.dev/" + m.Path + "@" + m.Version + "?tab=licenses"
		}
		modules = append(modules, library)
	}
	return modules
}

// npmPackages returns the npm packages of the pages' JavaScript and CSS: built or copied into
// internal/web/static/dist by `npm run build`, or loaded from the CDN at the same versions
// when the app was not built (internal/web/assets.go).
func npmPackages() []Library {
	return []Library{
		{Name: "@alpinejs/csp", Version: "3.17.4", LicenceURL: "https://www.npmjs.com/package/@alpinejs/csp/v/3.17.4"},
		{Name: "@tailwindcss/browser", Version: "4.3.4", LicenceURL: "https://www.npmjs.com/package/@tailwindcss/browser/v/4.3.4"},
		{Name: "@tailwindcss/cli", Version: "4.3.5", LicenceURL: "https://www.npmjs.com/package/@tailwindcss/cli/v/4.3.5"},
		{Name: "daisyui", Version: "5.8.1", LicenceURL: "https://www.npmjs.com/package/daisyui/v/5.8.1"},
		{Name: "htmx.org", Version: "2.0.11", LicenceURL: "https://www.npmjs.com/package/htmx.org/v/2.0.11"},
		{Name: "tailwindcss", Version: "4.3.5", LicenceURL: "https://www.npmjs.com/package/tailwindcss/v/4.3.5"},
	}
}
