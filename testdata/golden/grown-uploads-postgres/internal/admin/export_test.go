// Tests for the CSV export: cells hold what a person reads in the list (labels, names and
// true or false), still neutralised against formulas, over more rows than one label query takes.

package admin_test

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"myapp/internal/auth"
	"myapp/internal/testutil"
)

// exportCSV downloads path and returns its records by their first cell, the id or "id".
func exportCSV(t *testing.T, b *testutil.Client, path string) (header []string, byName map[string][]string) {
	t.Helper()
	resp, body := b.Get(path)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("export %s: status %d\n%.300s", path, resp.StatusCode, body)
	}
	records, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil || len(records) == 0 {
		t.Fatalf("export %s is no CSV (%v):\n%.300s", path, err, body)
	}
	byName = map[string][]string{}
	for _, record := range records[1:] {
		byName[record[1]] = record // the second column is the first listed: a name or an email
	}
	return records[0], byName
}

func TestExportWritesLabelsAndNames(t *testing.T) {
	s, b := serveSpecimens(t)
	db := s.db
	// More groups than one query looks up, each with a specimen; one group's name is a formula.
	// Those the migrations add get a specimen too.
	const groups = 1_200
	seeded := rowCount(t, db, "auth_groups")
	names := []string{"('=HYPERLINK(1)')"}
	for i := range groups - 1 {
		names = append(names, fmt.Sprintf("('group %04d')", i))
	}
	for _, query := range []string{
		"INSERT INTO auth_groups (name) VALUES " + strings.Join(names, ", "),
		"INSERT INTO specimens (name, size, group_id) SELECT 'of ' || name, 'l', id FROM auth_groups",
		"INSERT INTO specimens (name) VALUES ('blank')",
	} {
		if _, err := db.ExecContext(t.Context(), query); err != nil {
			t.Fatal(err)
		}
	}

	header, rows := exportCSV(t, b, "/admin/specimens/export.csv")
	size, group := 5, 6 // the columns of specimensTable.List, after the id
	if len(rows) != seeded+groups+1 || header[size] != "size" || header[group] != "group_id" {
		t.Fatalf("export: %d rows, header %v", len(rows), header)
	}
	for i := range groups - 1 {
		name := fmt.Sprintf("group %04d", i)
		if row := rows["of "+name]; row == nil || row[size] != "Large" || row[group] != name {
			t.Fatalf("specimen of %s: %q, want the size Large and the group %s", name, row, name)
		}
	}
	if row := rows["of =HYPERLINK(1)"]; row == nil || row[group] != "'=HYPERLINK(1)" {
		t.Errorf("a group named like a formula: %q, want it neutralised with a '", row)
	}
	if row := rows["blank"]; row == nil || row[size] != "" || row[group] != "" {
		t.Errorf("a specimen without size or group: %q, want empty cells", row)
	}
}

func TestExportWritesBooleansAsTrueOrFalse(t *testing.T) {
	s := newSite(t)
	super := s.user("super@example.com", auth.RoleSuperuser)
	s.user("plain@example.com", auth.RoleUser)
	header, rows := exportCSV(t, super, "/admin/users/export.csv")
	want := map[string]string{ // is_active, is_staff, is_superuser
		"super@example.com": "true true true",
		"plain@example.com": "true false false",
	}
	if strings.Join(header[2:5], " ") != "is_active is_staff is_superuser" {
		t.Fatalf("header %v", header)
	}
	for email, flags := range want {
		if len(rows[email]) < 5 {
			t.Fatalf("%s is not in the export: %v", email, rows)
		}
		if got := strings.Join(rows[email][2:5], " "); got != flags {
			t.Errorf("%s: %s, want %s", email, got, flags)
		}
	}
}
