package generator_test

import (
	"testing"

	"github.com/fastopp/fastopp/generator"
	"github.com/fastopp/fastopp/templates"
)

// BenchmarkRenderDefaultApp renders every file of the default app in memory:
// the templates, gofmt of each Go file and the plan, with no disk or network.
func BenchmarkRenderDefaultApp(b *testing.B) {
	for b.Loop() {
		reg, err := generator.LoadRegistry(templates.FS)
		if err != nil {
			b.Fatal(err)
		}
		plan, err := generator.PlanNew(reg, generator.NewOptions{
			Name: "myapp", Dir: b.TempDir() + "/myapp", SkipTidy: true, SkipAssets: true,
		}, generator.Tools{})
		if err != nil {
			b.Fatal(err)
		}
		if len(plan.Files) < 20 {
			b.Fatalf("only %d files rendered", len(plan.Files))
		}
	}
}
