// Package site is Hangup's website checker: what to make of "go to this
// website", the step of a tech-support scam where the caller sends the
// victim to a remote-access tool or to a page dressed up as a company they
// trust. It is the one implementation that the caller check, the transcript
// analysis, incident reports, the CLI, the API and the web pages all use.
//
// Parse reads an address the way people write or say it and the way a
// browser would resolve it (IDNA both ways, the Public Suffix List, the
// WHATWG forms of IPv4, the userinfo trick); Extract finds every address in
// a transcript. A Checker, built once by New from the registry's
// organisations, the LOLRMM remote-access catalogue (package rmm) and the
// shipped reference data, gives each address a hangup.SiteCheck: a verdict
// (official, remote_access_tool, impersonation, suspicious, unknown), the
// brand concerned and findings with stable codes and plain-English messages
// (see the Code constants).
//
// Lookalikes are found through indexes built at load, never by trying
// brands one by one: brand names by exact label, by UTS #39-style skeleton
// (look-alike characters), by symmetric-delete neighbourhood (one typo) and
// by scam-word tries for brand-plus-word names (combosquatting). CheckJSONL
// checks batches; EvalURLs measures catch and false-positive rates on
// generated lookalikes and held-out popular domains.
package site
