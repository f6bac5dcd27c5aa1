package catalog
import ("context";"testing")
func BenchmarkTmpRules(b *testing.B) {
	s := newService(b)
	data := sample(b, "lt-clinic")
	req := Request{Doc: "processing-rules", Lang: "lt", Format: PDF, Now: now}
	for b.Loop() { if _, err := s.Render(context.Background(), req, data); err != nil { b.Fatal(err) } }
}
