// Package web holds what the server's handler packages share about
// speaking HTTP. For the API: the one table from application error codes
// to status codes, the JSON shape of an API error, reading a JSON request
// body and writing a JSON answer, and finding the API key a client sent.
// For the pages: the Site that renders them and answers errors with the
// error page, the signed-in user and browser id a request carries, form
// tokens (CSRF) and the role check. It knows no route and no engine:
// package http and the packages under it decide what to answer, this
// package how it is written.
package web
