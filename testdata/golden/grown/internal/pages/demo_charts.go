// The products demo's charts, drawn on the server as SVG: Go works out each bar's size here,
// and templates/partials/demo_chart.html writes the <svg>, so html/template escapes every
// name. No JavaScript and no chart library: the page works under the strict CSP
// (internal/server/csp.go), which allows no inline script or style.

package pages

import (
	"fmt"
	"strconv"

	"myapp/internal/models"
)

// chart is a horizontal bar chart: one row per bar, its label on the left.
type chart struct {
	Title     string
	Width     int // of the drawing, in SVG units; the browser scales it to the page
	Height    int
	BarX      int // where every bar starts, right of the labels
	BarHeight int
	Bars      []bar
}

// bar is one row of a chart, with its geometry worked out.
type bar struct {
	Name   string // in full, shown when the pointer rests on the row
	Label  string // left of the bar: Name, shortened to fit
	Value  string // right of the bar
	Y      int    // top of the row
	Length int    // of the bar
	TextY  int    // baseline of the row's texts
	ValueX int    // where the value's text starts
}

// The layout of a chart, in SVG units.
const (
	chartWidth  = 480
	labelWidth  = 170 // room for the labels, left of the bars
	valueWidth  = 70  // room for the values, right of the longest bar
	rowHeight   = 22
	barHeight   = 16
	chartMargin = 4
	labelChars  = 24 // the longest label that fits in labelWidth
)

// shorten cuts s to at most n characters, marking the cut with an ellipsis.
func shorten(s string, n int) string {
	runes := []rune(s)
	if len(runes) <= n {
		return s
	}
	return string(runes[:n-1]) + "…"
}

// newChart lays out bars of the given labels, values and texts, the longest bar for the
// largest value.
func newChart(title string, labels []string, values []float64, texts []string) chart {
	c := chart{Title: title, Width: chartWidth, Height: len(labels)*rowHeight + 2*chartMargin, BarX: labelWidth, BarHeight: barHeight}
	largest := 0.0
	for _, v := range values {
		largest = max(largest, v)
	}
	room := float64(chartWidth - labelWidth - valueWidth)
	for i, label := range labels {
		length := 0
		if largest > 0 {
			length = int(values[i] / largest * room)
		}
		y := chartMargin + i*rowHeight
		c.Bars = append(c.Bars, bar{
			Name: label, Label: shorten(label, labelChars), Value: texts[i], Y: y + (rowHeight-barHeight)/2, Length: length,
			TextY: y + rowHeight/2 + 5, ValueX: labelWidth + length + 6,
		})
	}
	return c
}

// priceByCategory charts the average price of the products shown, per category, in the
// order the categories first appear.
func priceByCategory(products []models.FilterDemoProductsRow) chart {
	var names []string
	sums, counts := map[string]float64{}, map[string]int{}
	for _, p := range products {
		// A float is fine for drawing a bar; the prices themselves stay exact decimals.
		price, err := strconv.ParseFloat(p.Price, 64)
		if err != nil {
			continue
		}
		if counts[p.Category] == 0 {
			names = append(names, p.Category)
		}
		sums[p.Category] += price
		counts[p.Category]++
	}
	values, texts := make([]float64, len(names)), make([]string, len(names))
	for i, name := range names {
		values[i] = sums[name] / float64(counts[name])
		texts[i] = fmt.Sprintf("%.2f", values[i])
	}
	return newChart("Average price by category", names, values, texts)
}

// stockByProduct charts how many of each product shown are in stock.
func stockByProduct(products []models.FilterDemoProductsRow) chart {
	labels, values, texts := make([]string, len(products)), make([]float64, len(products)), make([]string, len(products))
	for i, p := range products {
		labels[i], values[i], texts[i] = p.Name, float64(p.Stock), strconv.FormatInt(int64(p.Stock), 10)
	}
	return newChart("Units in stock", labels, values, texts)
}
