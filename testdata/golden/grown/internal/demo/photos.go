// The registrants' photos, drawn here rather than shipped as files: a head and shoulders on a
// background of the registrant's colour, 96 × 96 pixels, a PNG of about a kilobyte. The
// photo then goes through uploads.Policy.Accept, the checks every uploaded image passes.

package demo

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"strings"

	"myapp/internal/uploads"
)

// photoSize is the width and height of a drawn photo, in pixels.
const photoSize = 96

// photo draws r's photo and accepts it as an uploaded image named after r.
func (l *Loader) photo(r sampleRegistrant) (*uploads.Accepted, error) {
	var encoded bytes.Buffer
	if err := png.Encode(&encoded, drawPhoto(r.hue)); err != nil {
		return nil, err
	}
	name := strings.ToLower(strings.ReplaceAll(r.name, " ", "-")) + ".png"
	return l.policy.Accept(uploads.Image, name, &encoded)
}

// drawPhoto paints each pixel: the head is a circle, the shoulders the top of a larger one.
func drawPhoto(hue int) image.Image {
	background, figure := hsl(hue, 0.55, 0.45), hsl(hue, 0.35, 0.85)
	img := image.NewRGBA(image.Rect(0, 0, photoSize, photoSize))
	for y := range photoSize {
		for x := range photoSize {
			c := background
			if inCircle(x, y, 48, 38, 18) || inCircle(x, y, 48, 112, 40) {
				c = figure
			}
			img.Set(x, y, c)
		}
	}
	return img
}

// inCircle reports whether pixel (x, y) lies inside the circle of centre (cx, cy) and radius r.
func inCircle(x, y, cx, cy, r int) bool {
	dx, dy := x-cx, y-cy
	return dx*dx+dy*dy <= r*r
}

// hsl turns a hue (degrees), saturation and lightness (0 to 1) into a colour: one number
// picks a pleasant colour, and the same hue gives the background and the lighter figure.
func hsl(hue int, saturation, lightness float64) color.RGBA {
	chroma := (1 - math.Abs(2*lightness-1)) * saturation
	h := float64(hue%360) / 60
	x := chroma * (1 - math.Abs(math.Mod(h, 2)-1))
	var r, g, b float64
	switch {
	case h < 1:
		r, g = chroma, x
	case h < 2:
		r, g = x, chroma
	case h < 3:
		g, b = chroma, x
	case h < 4:
		g, b = x, chroma
	case h < 5:
		r, b = x, chroma
	default:
		r, b = chroma, x
	}
	m := lightness - chroma/2
	return color.RGBA{R: uint8((r + m) * 255), G: uint8((g + m) * 255), B: uint8((b + m) * 255), A: 255}
}
