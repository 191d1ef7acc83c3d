package web

import (
	"log/slog"
	"net/http"

	"github.com/hangup-org/hangup/registry"
)

// Route is one endpoint a handler package serves: the method and path
// pattern package http mounts it on, and its handler.
type Route struct {
	Method, Path string
	Handler      http.HandlerFunc
}

// Logger returns l, or the default logger when l is nil: the handler
// packages log through it.
func Logger(l *slog.Logger) *slog.Logger {
	if l == nil {
		return slog.Default()
	}
	return l
}

// Registry is the part of the registry service the handler packages read:
// the current snapshot of the organisations.
type Registry interface {
	Snapshot() *registry.Snapshot
}
