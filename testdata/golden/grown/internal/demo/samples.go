// The sample data `go run . demo load` adds. Change it freely: a row is known by its key
// (category:Books, product:Paperback notebook), so a renamed sample is a new row, and
// `go run . demo reset` still removes the old one, which demo_rows remembers.

package demo

import "myapp/internal/auth"

// sampleCategories are the products' categories, in the order the filter lists them.
var sampleCategories = []string{"Books", "Electronics", "Garden", "Kitchen", "Sports"}

// sampleProduct is one product of /demo/products. price is a decimal written as text, as the
// app keeps money (never a float, which cannot hold 0.10 exactly).
type sampleProduct struct {
	name, category, price string
	stock                 int
	description           string
}

// sampleProducts have prices from 4.50 to 1299.00, so that sorting by price shows numbers
// sorted as numbers (9.99 before 129.00), and some are out of stock, for the in-stock toggle.
var sampleProducts = []sampleProduct{
	{"Paperback notebook", "Books", "4.50", 120, "A5, 96 pages of dotted paper."},
	{"Go programming guide", "Books", "39.90", 14, "From the first program to web servers."},
	{"SQL pocket reference", "Books", "12.00", 0, "Every statement on one page each."},
	{"Children's atlas", "Books", "18.75", 7, "Maps and flags of every country."},
	{"Laptop 14-inch", "Electronics", "1299.00", 5, "16 GB of memory, a full day of battery."},
	{"Wireless mouse", "Electronics", "24.99", 48, "Quiet buttons, two years on one battery."},
	{"USB-C charger", "Electronics", "29.00", 0, "65 W, charges a laptop and a phone."},
	{"Noise-cancelling headphones", "Electronics", "219.00", 9, "Thirty hours of music."},
	{"Monitor 27-inch", "Electronics", "329.50", 3, "Sharp text for long days of code."},
	{"Watering can", "Garden", "15.90", 22, "Five litres, with a long spout."},
	{"Pruning shears", "Garden", "27.40", 0, "For branches up to 2 cm."},
	{"Seed starter kit", "Garden", "9.99", 35, "Tomatoes, basil and peppers."},
	{"Chef's knife", "Kitchen", "89.00", 11, "20 cm, German steel."},
	{"Cast iron pan", "Kitchen", "45.00", 16, "Lasts a lifetime, works on every stove."},
	{"Espresso maker", "Kitchen", "129.00", 0, "For the stove top: three cups."},
	{"Tea towel set", "Kitchen", "7.25", 60, "Three linen towels."},
	{"Running shoes", "Sports", "119.95", 8, "Light, for road and track."},
	{"Yoga mat", "Sports", "32.00", 25, "6 mm thick, non-slip."},
	{"Tennis balls", "Sports", "5.80", 0, "A tube of three."},
	{"Bicycle helmet", "Sports", "64.90", 13, "Adjustable, with a rear light."},
}

// sampleWebinar is one webinar of /demo/webinars; it starts inDays days after the load, at
// 16:00 UTC.
type sampleWebinar struct {
	title, presenter string
	inDays           int
	description      string
}

var sampleWebinars = []sampleWebinar{
	{"Your first web app in Go", "Ada Okafor", 7, "From `fastopp new` to a page on the internet in one hour."},
	{"HTMX without tears", "Lin Wei", 14, "Pages that update themselves, with HTML from the server."},
	{"Databases for beginners", "Maria Rossi", 21, "Tables, migrations and queries, on SQLite and PostgreSQL."},
}

// sampleRegistrant is one person registered for a webinar (by its title). Each gets a photo,
// drawn in photos.go in the colour hue (0 to 359).
type sampleRegistrant struct {
	webinar, name, email, company, notes string
	hue                                  int
}

var sampleRegistrants = []sampleRegistrant{
	{"Your first web app in Go", "Sam Carter", "sam.carter@example.com", "Northwind", "Asked about deploying to fly.io.", 210},
	{"Your first web app in Go", "Priya Nair", "priya.nair@example.com", "Contoso", "", 330},
	{"Your first web app in Go", "Tom Berg", "tom.berg@example.com", "", "Student, first time with Go.", 120},
	{"HTMX without tears", "Aiko Tanaka", "aiko.tanaka@example.com", "Fabrikam", "Wants the slides.", 30},
	{"HTMX without tears", "Luis García", "luis.garcia@example.com", "Northwind", "", 270},
	{"Databases for beginners", "Fatima Zahra", "fatima.zahra@example.com", "Tailspin", "Uses PostgreSQL at work.", 170},
	{"Databases for beginners", "Jonas Weber", "jonas.weber@example.com", "", "", 60},
	{"Databases for beginners", "Grace Hopper", "grace.hopper@example.com", "Navy", "Brings her own compiler.", 0},
}

// sampleUser is a user the demo adds, with a role and the groups it joins. The marketing and
// sales groups (migration 00007) may see and change webinar registrants in the admin.
type sampleUser struct {
	email  string
	role   auth.Role
	groups []string
}

var sampleUsers = []sampleUser{
	{"marketing@demo.example.com", auth.RoleStaff, []string{"marketing"}},
	{"sales@demo.example.com", auth.RoleStaff, []string{"sales"}},
	{"staff@demo.example.com", auth.RoleStaff, nil},
	{"student@demo.example.com", auth.RoleUser, nil},
}
