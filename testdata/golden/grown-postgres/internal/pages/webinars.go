// The webinar demo (/demo/webinars): a grid of webinars whose registrants htmx loads into each
// card, and a page per registrant (registrants.go) with a photo, notes edited in place and a
// delete button. Who sees registrants follows FastOpp's rule, kept as permissions in the
// database (the demo's migration): superusers, and the groups marketing and sales, may view and
// change them; only superusers may delete them, until a superuser grants that in the admin.

package pages

import (
	"context"
	"database/sql"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"myapp/internal/models"
	"myapp/internal/services"
	"myapp/internal/uploads"
	"myapp/internal/web"
)

// registrantsTable is the table the permissions name (auth_permissions.model) and the owner of
// the photos' upload records.
const registrantsTable = "demo_registrants"

// Permissions answers whether a user may do an action on a table: auth.Service.HasPerm.
type Permissions interface {
	HasPerm(ctx context.Context, userID int64, table, action string) (bool, error)
}

// Webinars handles the webinar pages. Its methods share the renderer, the database, the
// uploads and the permissions.
type Webinars struct {
	render      *web.Renderer
	db          *sql.DB
	queries     *models.Queries
	registrants *services.DemoRegistrantService
	files       *uploads.Files
	policy      uploads.Policy
	permissions Permissions
}

// NewWebinars returns the webinar pages' handlers. queries (the app's statement cache) reads;
// writes go through the registrant service, in transactions on db.
func NewWebinars(render *web.Renderer, db *sql.DB, statements models.DBTX, files *uploads.Files, policy uploads.Policy, permissions Permissions) *Webinars {
	return &Webinars{
		render: render, db: db, queries: models.New(statements), registrants: services.NewDemoRegistrantService(statements),
		files: files, policy: policy, permissions: permissions,
	}
}

// webinarCard is one webinar of the grid.
type webinarCard struct {
	ID                     int64
	Title, Presenter, When string
	Description            string
	Registrants            int64
}

// List shows the grid of webinars. Each card asks for its registrants with htmx.
func (h *Webinars) List(w http.ResponseWriter, r *http.Request) {
	if !h.allow(w, r, "view") {
		return
	}
	rows, err := h.queries.DemoWebinarCards(r.Context())
	if err != nil {
		h.render.ServerError(w, r, err)
		return
	}
	cards := make([]webinarCard, len(rows))
	for i, row := range rows {
		cards[i] = webinarCard{
			ID: row.ID, Title: row.Title, Presenter: row.Presenter, When: row.StartsAt.Format("Mon 2 Jan 2006, 15:04"),
			Description: row.Description.String, Registrants: row.Registrants,
		}
	}
	h.render.Page(w, r, http.StatusOK, "demo_webinars", cards)
}

// registrantItem is one registrant as a card or their page shows them.
type registrantItem struct {
	ID                     int64
	Name, Email, Company   string
	Notes                  string
	Initial                string // the name's first letter, shown when there is no photo
	PhotoURL, ThumbnailURL string // "" without a photo
}

// item turns a row into what the templates show, with the addresses of its photo.
func (h *Webinars) item(row models.DemoRegistrant) registrantItem {
	item := registrantItem{ID: row.ID, Name: row.Name, Email: row.Email, Company: row.Company.String, Notes: row.Notes.String}
	for _, letter := range row.Name { // the first letter, not the first byte: names are not all ASCII
		item.Initial = strings.ToUpper(string(letter))
		break
	}
	if row.Photo.Valid && row.Photo.String != "" {
		item.PhotoURL = h.files.URL(row.Photo.String)
		item.ThumbnailURL = h.files.URL(uploads.ThumbnailKey(row.Photo.String))
	}
	return item
}

// Registrants answers a card's htmx request with the list of its webinar's registrants.
func (h *Webinars) Registrants(w http.ResponseWriter, r *http.Request) {
	id, ok := h.begin(w, r, "view")
	if !ok {
		return
	}
	rows, err := h.queries.ListDemoRegistrantsOfWebinar(r.Context(), id)
	if err != nil {
		h.render.ServerError(w, r, err)
		return
	}
	items := make([]registrantItem, len(rows))
	for i, row := range rows {
		items[i] = h.item(row)
	}
	h.render.Partial(w, r, http.StatusOK, "demo_registrants", items)
}

// CanDownload lets whoever may view registrants download their photos (GET /uploads/{key}),
// and leaves every other table to next (the admin's rule): routes.go joins the two.
func (h *Webinars) CanDownload(next func(*http.Request, string) bool) func(*http.Request, string) bool {
	return func(r *http.Request, table string) bool {
		if table == registrantsTable {
			ok, err := h.may(r, "view")
			return err == nil && ok
		}
		return next(r, table)
	}
}

// may reports whether the logged-in user may do action on registrants. Each request asks the
// database, so a change of groups in the admin applies at once.
func (h *Webinars) may(r *http.Request, action string) (bool, error) {
	user := web.CurrentUser(r.Context())
	if user == nil {
		return false, nil
	}
	return h.permissions.HasPerm(r.Context(), user.ID, registrantsTable, action)
}

// allow answers with the 403 page, which says what to do, and returns false unless the user
// may do action on registrants. (routes.go sends visitors who are not logged in to the login
// form first, with accounts.RequireLogin.)
func (h *Webinars) allow(w http.ResponseWriter, r *http.Request, action string) bool {
	ok, err := h.may(r, action)
	if err != nil {
		h.render.ServerError(w, r, err)
		return false
	}
	if !ok {
		h.render.Page(w, r, http.StatusForbidden, "demo_forbidden", action)
	}
	return ok
}

// begin starts a handler of a URL with an {id}: it checks that the user may do action and
// reads the id, a positive number. When it returns false it has answered already (the
// login form, 403 or 404).
func (h *Webinars) begin(w http.ResponseWriter, r *http.Request, action string) (id int64, ok bool) {
	if !h.allow(w, r, action) {
		return 0, false
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		h.render.Page(w, r, http.StatusNotFound, "404", nil)
		return 0, false
	}
	return id, true
}

// registrant is begin, then reads the registrant of that id (404 when there is none).
func (h *Webinars) registrant(w http.ResponseWriter, r *http.Request, action string) (models.DemoRegistrant, bool) {
	id, ok := h.begin(w, r, action)
	if !ok {
		return models.DemoRegistrant{}, false
	}
	row, err := h.registrants.Get(r.Context(), id)
	return row, !h.failed(w, r, err)
}

// failed shows the 404 page when err says the row is gone and the 500 page for any other
// error; it returns false, showing nothing, when err is nil.
func (h *Webinars) failed(w http.ResponseWriter, r *http.Request, err error) bool {
	switch {
	case err == nil:
		return false
	case errors.Is(err, services.ErrNotFound):
		h.render.Page(w, r, http.StatusNotFound, "404", nil)
	default:
		h.render.ServerError(w, r, err)
	}
	return true
}
