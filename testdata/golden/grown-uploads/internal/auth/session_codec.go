// How a session's data is saved in the sessions table. scs's default format, gob, builds a
// decoder for every session it reads: some 60 µs and 200 allocations on every logged-in
// request, a tenth of the time of a page. This format is JSON, with the values grouped by
// type so that each reads back as the type it was saved as: about 10 µs and 18 allocations.

package auth

import (
	"encoding/json"
	"time"

	"github.com/alexedwards/scs/v2"
)

// sessionCodec saves the strings, int64s and bools a session holds as JSON. A session holding
// a value of any other type (an int, a list) is saved with gob, as scs would (a type of your
// own must then be registered with gob.Register, as scs requires); sessions saved with gob,
// before this format or for that reason, are read with gob.
type sessionCodec struct{}

// sessionJSON is the JSON form of a session.
type sessionJSON struct {
	Deadline time.Time         `json:"deadline"`
	Strings  map[string]string `json:"strings,omitempty"`
	Ints     map[string]int64  `json:"ints,omitempty"`
	Bools    map[string]bool   `json:"bools,omitempty"`
}

// Encode returns the saved form of a session.
func (sessionCodec) Encode(deadline time.Time, values map[string]any) ([]byte, error) {
	session := sessionJSON{Deadline: deadline}
	for key, value := range values {
		switch v := value.(type) {
		case string:
			put(&session.Strings, key, v)
		case int64:
			put(&session.Ints, key, v)
		case bool:
			put(&session.Bools, key, v)
		default:
			return scs.GobCodec{}.Encode(deadline, values)
		}
	}
	return json.Marshal(session)
}

// Decode reads a session saved by Encode, in JSON or in gob.
func (sessionCodec) Decode(data []byte) (time.Time, map[string]any, error) {
	if len(data) == 0 || data[0] != '{' { // gob's data starts otherwise
		return scs.GobCodec{}.Decode(data)
	}
	var session sessionJSON
	if err := json.Unmarshal(data, &session); err != nil {
		return time.Time{}, nil, err
	}
	values := make(map[string]any, len(session.Strings)+len(session.Ints)+len(session.Bools))
	for key, value := range session.Strings {
		values[key] = value
	}
	for key, value := range session.Ints {
		values[key] = value
	}
	for key, value := range session.Bools {
		values[key] = value
	}
	return session.Deadline, values, nil
}

// put sets (*m)[key], making the map first if needed.
func put[V any](m *map[string]V, key string, value V) {
	if *m == nil {
		*m = map[string]V{}
	}
	(*m)[key] = value
}
