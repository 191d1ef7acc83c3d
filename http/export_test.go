package http

import "net/http"

// HandleBehindBodyLimit mounts h at pattern behind the server's body limit
// and middleware, for the benchmark's do-nothing handler beside the
// screening endpoints.
func (s *Server) HandleBehindBodyLimit(pattern string, h http.Handler) {
	s.mux.Handle(pattern, s.bodyLimit(h, s.cfg.BodyLimit))
}
