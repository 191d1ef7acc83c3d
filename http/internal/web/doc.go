// Package web holds what the server's handler packages share about
// speaking HTTP: the one table from application error codes to status
// codes, the JSON shape of an API error, reading a JSON request body and
// writing a JSON answer, and finding the API key a client sent. It knows
// no route and no engine: package http and the packages under it decide
// what to answer, this package how it is written.
package web
