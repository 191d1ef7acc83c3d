// Package data holds the reference data Hangup ships inside its binary. Each
// directory has a SOURCE.md with the data's origin and licence; NOTICE at the
// top of the repository credits them all.
package data

import "embed"

// FS holds the shipped reference data, by directory:
//
//	ofcom/     Ofcom UK number-block allocations (S3, S5, S7, S8, S9)
//	lolrmm/    remote-access tools and their domains (LOLRMM)
//	sublime/   popular domains, URL shorteners, free hosting (Sublime Security, Tranco)
//	dnstwist/  TLD and word dictionaries for lookalike domains (dnstwist)
//	scowl/     English words, to tell a word of its own from a typo (SCOWL)
//	registry/  the seed organisation registry
//	phished/   popular domains that phishing hosts copy (derived from Phishing.Database, durablenapkin)
//
//go:embed ofcom lolrmm sublime dnstwist scowl registry phished
var FS embed.FS
