// Package analyze understands what was said on a call: it reads a
// transcript, speech-to-text output or a person's own notes, finds the
// words that mark a scam, explains them, and scores the call — in one go
// (Engine.Analyze, Engine.AnalyzeJSONL) or live, turn by turn (Sessions,
// Engine.Stream).
//
// The pipeline, compiled once at load and shared by every path:
//
//  1. Turns: speaker labels of any shape ("Caller:", "A:", "Person A:",
//     "[00:01:23] Bob:") or none (package analyze/internal/turns).
//  2. Normalisation per rune, keeping byte offsets into the original text:
//     NFKD, confusable letters, zero-width characters dropped, lower case,
//     contractions expanded ("dont" → "do not"), fillers and stutters
//     dropped, numbers said as words turned into digits ("seven four one"
//     → 741), spelled letters joined ("w w w"), "dot" said between words
//     turned into a dot.
//  3. Concepts: one token-level trie holds every phrase of the catalogue
//     (package analyze/catalogue), so matching costs one walk per token whatever the
//     number of phrases.
//  4. Extraction: phone numbers, codes read aloud, web addresses written or
//     spoken, amounts, remote-access tools, payment instruments and claimed
//     organisations, enriched by the optional phone, registry and site
//     services.
//  5. Indicators: rules over concepts close together, each with a stable
//     code, a scam stage (S0–S8 of docs/scam-playbook.md, or G for what
//     genuine organisations say), a weight and a plain-English explanation,
//     with negation ("we will never ask for your password") and the
//     speaker's side taken into account.
//  6. Scoring: a sign-constrained, L2-regularised logistic regression over
//     behaviour features only (indicator codes, each capped at twice its
//     catalogue weight, the playbook elements and their pairs, stages, the
//     catalogue's weights summed), Platt-calibrated on out-of-fold scores,
//     trained by package analyze/train (`hangup train`) and embedded as
//     model.json. Featurizer is the seam training uses.
//  7. The playbook's floor and ceiling (floor.go): a caller's request made
//     with a pretext, a hook, pressure or a lure is at least suspicious
//     whatever the weights say; without a quotable sign the verdict stays
//     not_scam.
//
// Live calls keep a running state per call: a turn costs work in
// proportion to the turn, and the batch analysis feeds a text's turns
// through the same state, so a call scores the same live and in batch.
package analyze
