// Tests of the session format: every value reads back as the type it was saved as, and
// sessions saved with gob (scs's default) still read. The benchmark compares the two:
// go test ./internal/auth -run '^$' -bench SessionCodec -benchtime 20000x

package auth

import (
	"reflect"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"
)

func TestSessionCodecReadsBackWhatItSaved(t *testing.T) {
	deadline := time.Date(2030, 1, 2, 15, 4, 5, 123456789, time.UTC)
	tests := []struct {
		name     string
		values   map[string]any
		wantJSON bool
	}{
		{"empty", map[string]any{}, true},
		{"logged in", map[string]any{sessionUserID: int64(42), sessionStamp: "0123abcd", sessionFlash: "Saved. <b>not bold</b> \"quoted\""}, true},
		{"a bool", map[string]any{"remember": true, "dark": false}, true},
		{"an int, as gob", map[string]any{"count": 3, sessionUserID: int64(42)}, false},
		{"a list, as gob", map[string]any{"recent": []string{"/notes", "/chat"}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := sessionCodec{}.Encode(deadline, tt.values)
			if err != nil {
				t.Fatal(err)
			}
			if isJSON := data[0] == '{'; isJSON != tt.wantJSON {
				t.Errorf("saved as JSON: %v, want %v (%q)", isJSON, tt.wantJSON, data)
			}
			gotDeadline, got, err := sessionCodec{}.Decode(data)
			if err != nil {
				t.Fatal(err)
			}
			if !gotDeadline.Equal(deadline) || !reflect.DeepEqual(got, tt.values) {
				t.Errorf("read back %v %#v, want %v %#v", gotDeadline, got, deadline, tt.values)
			}
		})
	}
}

func TestSessionCodecReadsGob(t *testing.T) {
	deadline := time.Date(2030, 1, 2, 15, 4, 5, 0, time.UTC)
	values := map[string]any{sessionUserID: int64(7), sessionStamp: "abc"}
	data, err := scs.GobCodec{}.Encode(deadline, values)
	if err != nil {
		t.Fatal(err)
	}
	gotDeadline, got, err := sessionCodec{}.Decode(data)
	if err != nil || !gotDeadline.Equal(deadline) || !reflect.DeepEqual(got, values) {
		t.Errorf("a session saved with gob read back as %v %#v, %v", gotDeadline, got, err)
	}
}

func BenchmarkSessionCodecDecode(b *testing.B) {
	values := map[string]any{sessionUserID: int64(42), sessionStamp: "0123456789abcdef0123456789abcdef"}
	for _, codec := range []struct {
		name string
		scs.Codec
	}{
		{"gob", scs.GobCodec{}},
		{"json", sessionCodec{}},
	} {
		data, err := codec.Encode(time.Now(), values)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(codec.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := codec.Decode(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
