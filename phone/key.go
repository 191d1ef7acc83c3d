package phone

// Key turns an E.164 number ("+441632960123") into the integer of its
// digits (441632960123), for compact in-memory indexes keyed by number. It
// allocates nothing and reports false for anything that is not "+" followed
// by 2 to 15 digits, so national forms must go through ParseNumber first.
// Distinct E.164 numbers give distinct keys because the country code fixes
// where the number starts.
func Key(e164 string) (uint64, bool) {
	if len(e164) < 3 || len(e164) > 16 || e164[0] != '+' {
		return 0, false
	}
	var k uint64
	for i := 1; i < len(e164); i++ {
		c := e164[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		k = k*10 + uint64(c-'0')
	}
	return k, true
}
